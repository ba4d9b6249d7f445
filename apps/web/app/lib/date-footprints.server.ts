import { graphql, type ResultOf, type VariablesOf } from '../graphql';
import { apiQuery, type ApiCaller } from './api.server';
import type { placeAddress } from './buying.server';
import type { CartQuote } from './cart-quote';

/** CARBON-METHOD §7.3: what the cart would emit on each next day of a producer's own delivery round. */
const DELIVERY_DATE_FOOTPRINTS = graphql(`
  query DeliveryDateFootprints($input: DeliveryDateFootprintsInput!, $first: Int) {
    deliveryDateFootprints(input: $input, first: $first) {
      deliveryDate
      estimatedKgCo2e
      marginalKgCo2e
      pooled
      lowest
    }
  }
`);

export type DateFootprint = ResultOf<typeof DELIVERY_DATE_FOOTPRINTS>['deliveryDateFootprints'][number];

/**
 * For each producer of the quote delivering in its own vehicle on set days: the footprint of each of its next dates
 * (as many as the date choice lists). An estimate the API cannot make leaves that producer out: the cart works
 * without it.
 */
export async function dateFootprintsOf(
  caller: ApiCaller,
  quote: CartQuote,
  where: { buyerOrganizationId: string | null; address: ReturnType<typeof placeAddress> | null },
): Promise<Record<string, DateFootprint[]>> {
  if (!where.address && !where.buyerOrganizationId) return {};
  const byProducer: Record<string, DateFootprint[]> = {};
  await Promise.all(
    quote.producers.map(async (part) => {
      const option = part.deliveryOption;
      const massKg = part.carbon?.massKg;
      if (!option || option.mode !== 'PRODUCER_DELIVERY' || option.nextDeliveryDates.length === 0 || !massKg) return;
      const input = {
        deliveryOptionId: option.id,
        massKg,
        ...(where.address ? { address: where.address } : { buyerOrganizationId: where.buyerOrganizationId }),
      };
      const footprints = await optionDateFootprints(caller, input, option.nextDeliveryDates.length);
      if (footprints) byProducer[part.producer.id] = footprints;
    }),
  );
  return byProducer;
}

/**
 * The footprint of `massKg` on each of the option's next `first` days, or null when the API cannot estimate it (the
 * date choice then shows without figures).
 */
export async function optionDateFootprints(
  caller: ApiCaller,
  input: VariablesOf<typeof DELIVERY_DATE_FOOTPRINTS>['input'],
  first: number,
): Promise<DateFootprint[] | null> {
  try {
    return (await apiQuery(caller, DELIVERY_DATE_FOOTPRINTS, { input, first })).deliveryDateFootprints;
  } catch {
    return null;
  }
}
