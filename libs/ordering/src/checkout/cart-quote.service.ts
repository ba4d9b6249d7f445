import { Inject, Injectable } from '@nestjs/common';
import {
  type CarbonFootprint,
  type CarbonFootprintTotal,
  type GeoPoint,
  type SupplierOrderCarbonInput,
  plannedEstimates,
  sumFootprints,
} from '@app/carbon';
import type { DeliveryOption, Product } from '@app/catalog';
import {
  ADDRESS_RESOLVER,
  type Address,
  type AddressInputValues,
  type AddressResolver,
  type AuthUser,
  type Organization,
} from '@app/identity';
import type { EntityManager } from '@mikro-orm/sql';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode, UnitOfWork } from '@app/platform';
import { plannedRoundParts } from '../lifecycle/planned-round';
import { carbonInputOf } from '../lifecycle/supplier-order-carbon';
import { partInclVat } from '../money';
import { CardPayability } from './card-payability';
import {
  type CartLineValues,
  type CartProblemCode,
  type DeliveryChoiceValues,
  MAX_CART_LINES,
  checkLineCount,
  malformedInputErrors,
  problemMessage,
  partCarbonInput,
  problemProductId,
} from './cart-pricing';
import { type CatalogPricedCart, CartReader } from './cart-reader';

export interface QuoteCartValues {
  lines: CartLineValues[];
  deliveries?: DeliveryChoiceValues[] | null;
  buyerOrganizationId?: string | null;
  deliveryAddress?: AddressInputValues | null;
}

export interface CartQuoteLineValue {
  product: Product;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  totalInclVatCents: number;
  vatRate: number;
  available: boolean;
}

/** What a delivery option's fee would be in a part: excluding VAT, and what it adds to the part including VAT. */
export interface CartOptionFeeValue {
  deliveryOptionId: string;
  feeCents: number;
  feeInclVatCents: number;
}

export interface CartProblemValue {
  code: CartProblemCode;
  message: string;
  productId: string | null;
}

export interface CartQuoteProducerValue {
  producer: Organization;
  lines: CartQuoteLineValue[];
  deliveryOptions: DeliveryOption[];
  deliveryOptionFees: CartOptionFeeValue[];
  deliveryOption: DeliveryOption | null;
  deliveryDate: string | null;
  distanceKm: number | null;
  goodsCents: number;
  feeCents: number;
  feeInclVatCents: number;
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  minOrderCents: number;
  minimumMet: boolean;
  missingCents: number;
  carbon: CarbonFootprint | null;
  problems: CartProblemValue[];
}

export interface CartQuoteValue {
  producers: CartQuoteProducerValue[];
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  carbon: CarbonFootprintTotal | null;
  unavailableProductIds: string[];
}

/**
 * `quoteCart`: what a cart would cost and emit if ordered now, priced exactly as `placeOrder` prices it (same pure
 * pricing, same footprint function and factors). A cart that could not be ordered as it is still gets its quote,
 * with each producer's problems; only malformed input is refused.
 */
@Injectable()
export class CartQuoteService {
  constructor(
    private readonly reader: CartReader,
    @Inject(ADDRESS_RESOLVER) private readonly addresses: AddressResolver,
    private readonly unitOfWork: UnitOfWork,
    private readonly payability: CardPayability,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async quote(user: AuthUser | null, input: QuoteCartValues): Promise<CartQuoteValue> {
    checkLineCount(input.lines);
    const deliveries = input.deliveries ?? [];
    if (deliveries.length > MAX_CART_LINES)
      throw AppError.badInput('deliveries', `A cart has at most ${MAX_CART_LINES} delivery choices.`);
    let buyer: Organization | null = null;
    if (input.buyerOrganizationId != null) {
      if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to see the prices of your business.');
      buyer = await this.reader.buyerOrganization(user, input.buyerOrganizationId);
    }
    const address: Address | null = input.deliveryAddress
      ? await this.addresses.resolve(input.deliveryAddress, 'deliveryAddress')
      : (buyer?.address ?? null);
    const destination: GeoPoint | null =
      address?.latitude != null && address.longitude != null
        ? { latitude: address.latitude, longitude: address.longitude }
        : null;

    const cart = await this.reader.price(input.lines, deliveries, Boolean(buyer), destination);
    const [malformed] = malformedInputErrors(cart);
    if (malformed) throw malformed;
    // A consumer pays by card: a producer that cannot take card payments is a problem of its part, as placeOrder
    // would answer PRODUCER_NOT_PAYABLE (a business may still pay it by invoice).
    if (!buyer && this.config.payments.stripe && cart.parts.length > 0) {
      const unpayable = new Set(
        await this.payability.unpayableProducers(
          this.unitOfWork.em,
          cart.parts.map((part) => part.producer.id),
        ),
      );
      for (const part of cart.parts) {
        if (unpayable.has(part.producer.id))
          part.problems.push({
            code: 'PRODUCER_NOT_PAYABLE',
            producerId: part.producer.id,
            producerName: part.producer.name,
          });
      }
    }
    if (destination) await this.estimateInPlannedRounds(cart, destination);

    return {
      producers: cart.parts.map((part) => {
        const inclVat = partInclVat(part.lines, part.option?.feeCents ?? 0);
        return {
          producer: part.producer,
          lines: part.lines.map((line, index) => ({
            product: line.product,
            quantity: line.quantityThousandths / 1000,
            unitPriceCents: line.unitPriceCents,
            totalCents: line.totalCents,
            totalInclVatCents: inclVat.lineCents[index],
            vatRate: line.vatRateBasisPoints / 10_000,
            available: line.available,
          })),
          deliveryOptions: part.options,
          deliveryOptionFees: part.options.map((option) => ({
            deliveryOptionId: option.id,
            feeCents: option.feeCents,
            feeInclVatCents: partInclVat(part.lines, option.feeCents).feeCents,
          })),
          deliveryOption: part.option,
          deliveryDate: part.deliveryDate,
          distanceKm: part.distanceKm,
          goodsCents: part.totals.goodsCents,
          feeCents: part.option?.feeCents ?? 0,
          feeInclVatCents: inclVat.feeCents,
          subtotalCents: part.totals.subtotalCents,
          vatCents: part.totals.vatCents,
          totalCents: part.totals.totalCents,
          minOrderCents: part.minOrderCents,
          minimumMet: part.minimumMet,
          missingCents: part.missingCents,
          carbon: part.carbon,
          problems: part.problems.map((problem) => ({
            code: problem.code,
            message: problemMessage(problem),
            productId: problemProductId(problem),
          })),
        };
      }),
      ...cart.totals,
      carbon: cart.carbon,
      unavailableProductIds: [...new Set(cart.unavailable.map((line) => line.productId))],
    };
  }

  /**
   * CARBON-METHOD §7.3: a part delivered in the producer's own vehicle on an open day chosen is estimated as its
   * share of that day's planned round, the orders already in it included — the figure the pooling-day panel shows
   * for that day, and the one placeOrder's re-allocation will store. Alone in its round, it is the dedicated trip.
   */
  private async estimateInPlannedRounds(cart: CatalogPricedCart, destination: GeoPoint): Promise<void> {
    const em = this.unitOfWork.em;
    let changed = false;
    for (const part of cart.parts) {
      const estimate = await this.plannedRoundEstimate(em, part, destination);
      if (estimate) {
        part.carbon = estimate;
        changed = true;
      }
    }
    const footprints = cart.parts.map((part) => part.carbon);
    if (changed && footprints.every((footprint) => footprint !== null))
      cart.carbon = sumFootprints(footprints as CarbonFootprint[]);
  }

  private async plannedRoundEstimate(
    em: EntityManager,
    part: CatalogPricedCart['parts'][number],
    destination: GeoPoint,
  ): Promise<CarbonFootprint | null> {
    const { option, deliveryDate, producer } = part;
    const { latitude, longitude } = producer.address ?? {};
    if (!part.carbon || !option || option.mode !== 'PRODUCER_DELIVERY' || !option.vehicleId || !deliveryDate)
      return null;
    if (latitude == null || longitude == null) return null;
    if (part.problems.some((problem) => problem.code === 'DELIVERY_DATE')) return null;
    const producerLocation = { latitude, longitude };
    const cart = partCarbonInput(part.lines, producerLocation, destination, option);
    const round = await plannedRoundParts(em, { producerId: producer.id, deliveryOptionId: option.id, deliveryDate });
    return estimateInRound(
      round.map((order) => carbonInputOf(order)),
      cart,
    );
  }
}

/** The cart's share of a round with the orders already in it, travelling as the cart would (its option's vehicle). */
export function estimateInRound(
  round: readonly SupplierOrderCarbonInput[],
  cart: SupplierOrderCarbonInput,
): CarbonFootprint {
  const sameTrip = round.map((order) => ({
    ...order,
    producerLocation: cart.producerLocation,
    deliveryOption: cart.deliveryOption,
  }));
  return plannedEstimates([...sameTrip, cart]).at(-1)!;
}
