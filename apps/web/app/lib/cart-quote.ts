import { graphql, type ResultOf } from '../graphql';
import { FOOTPRINT_FIELDS } from './buying-fragments';
import type { LineFigures } from '../components/LinesTable';

/** The cart priced by the API exactly as placeOrder will price it (the cart and checkout pages). */
export const QUOTE_CART = graphql(
  `
    query QuoteCart($input: QuoteCartInput!) {
      quoteCart(input: $input) {
        subtotalCents
        vatCents
        totalCents
        unavailableProductIds
        carbon {
          ...FootprintFields
        }
        producers {
          producer {
            id
            name
          }
          distanceKm
          goodsCents
          feeCents
          feeInclVatCents
          subtotalCents
          vatCents
          totalCents
          minOrderCents
          minimumMet
          missingCents
          deliveryOption {
            id
            label
            mode
            address
            openingHours
            nextDeliveryDates(first: 8)
          }
          deliveryDate
          deliveryOptions {
            id
            label
            mode
            feeCents
            minOrderCents
            maxDistanceKm
            weekdays
          }
          deliveryOptionFees {
            deliveryOptionId
            feeCents
            feeInclVatCents
          }
          lines {
            product {
              id
              name
              unit
            }
            quantity
            unitPriceCents
            totalCents
            totalInclVatCents
            vatRate
            available
          }
          carbon {
            ...FootprintFields
          }
          problems {
            code
            message
            productId
          }
        }
      }
    }
  `,
  [FOOTPRINT_FIELDS],
);

export type CartQuote = ResultOf<typeof QUOTE_CART>['quoteCart'];
export type CartQuoteProducer = CartQuote['producers'][number];

/** A quoted line in the shape the lines table shows. */
export const lineFiguresOf = (line: CartQuoteProducer['lines'][number]): LineFigures => ({
  productId: line.product.id,
  name: line.product.name,
  unit: line.product.unit,
  quantity: line.quantity,
  unitPriceCents: line.unitPriceCents,
  totalCents: line.totalCents,
  totalInclVatCents: line.totalInclVatCents,
  vatRate: line.vatRate,
});

/** Why the cart cannot go to checkout as it is (each producer's problems, in French from the API); empty when it can. */
export function blockingProblems(quote: CartQuote, { ignoreArea = false } = {}): string[] {
  return quote.producers.flatMap((part) =>
    part.problems
      .filter((problem) => !(ignoreArea && problem.code === 'OUT_OF_DELIVERY_AREA'))
      .map((problem) => problem.message),
  );
}
