/**
 * Cart pricing: a cart's lines, as plain values read from the catalog, become a priced cart — one part per producer
 * with its lines at the buyer's price, its delivery fee, its totals (VAT per rate, half-up), its minimum, its
 * delivery area and its transport footprint — and the problems that would stop it from being ordered.
 *
 * Pure: no database, no clock (the time is an input: which delivery dates are open), no framework. `placeOrder` prices with it and refuses the first problem
 * (`assertOrderable`); `quoteCart` prices with it and shows every problem, per producer, so the cart page can say
 * what to change. Both therefore see the same prices, fees and footprints for the same inputs.
 */
import {
  type CarbonFootprint,
  type CarbonFootprintTotal,
  type GeoPoint,
  type ProductCategory,
  type SupplierOrderCarbonInput,
  greatCircleKm,
  sumFootprints,
  supplierOrderFootprint,
} from '@app/carbon';
import { THOUSANDTHS, deliveryDateRefusal, toThousandths } from '@app/catalog';
import { AppError, ErrorCode, eurosText } from '@app/platform';
import {
  type MoneyTotals,
  type PriceTierValues,
  type SupplierOrderTotals,
  lineTotalCents,
  sumTotals,
  supplierOrderTotals,
  unitPriceFor,
} from '../money';

/** The most lines a cart may hold. */
export const MAX_CART_LINES = 100;

/** What pricing reads of a product (the catalog's `Product` fits). */
export interface CartProduct {
  id: string;
  producerId: string;
  name: string;
  category: ProductCategory;
  unit: 'KG' | 'PIECE' | 'LITRE';
  unitMassKg: number;
  /** Consumer unit price, cents excluding VAT. */
  priceCents: number;
  vatRateBasisPoints: number;
  b2bPriceTiers: readonly PriceTierValues[];
  stockThousandths: number;
  minOrderThousandths: number;
  active: boolean;
}

/** What pricing reads of a producer (identity's `Organization` fits). */
export interface CartProducer {
  id: string;
  name: string;
  address: { latitude?: number | null; longitude?: number | null };
}

/** What pricing reads of a delivery option (the catalog's `DeliveryOption` fits). */
export interface CartDeliveryOption {
  id: string;
  producerId: string;
  mode: 'PRODUCER_DELIVERY' | 'PICKUP' | 'CARRIER';
  label: string;
  vehicleId?: string | null;
  maxDistanceKm?: number | null;
  feeCents: number;
  minOrderCents: number;
  active: boolean;
  /** ISO weekdays it delivers on; none: no delivery date is asked. */
  weekdays: readonly number[];
  cutoffHours: number;
  /** Days of its weekdays the producer closed: refused as CLOSED. */
  closedDates?: readonly string[];
}

export interface CartLineValues {
  productId: string;
  /** In the product's unit, at most 3 decimals. */
  quantity: number;
}

export interface DeliveryChoiceValues {
  producerId: string;
  deliveryOptionId: string;
  /** YYYY-MM-DD: required when the option has weekdays, ignored when it has none. */
  deliveryDate?: string | null;
}

export interface CartPricingInput<P extends CartProduct, O extends CartProducer, D extends CartDeliveryOption> {
  lines: readonly CartLineValues[];
  /** The delivery option chosen per producer, so far. */
  deliveries: readonly DeliveryChoiceValues[];
  /** The products the lines name, as read; ids that name none are simply missing. */
  products: readonly P[];
  /** The producers of those products. */
  producers: readonly O[];
  /** The producers' delivery options (inactive ones are ignored). */
  deliveryOptions: readonly D[];
  /** A business buying: B2B tier prices. */
  b2b: boolean;
  /** Where the goods go; null while unknown: no delivery area check, no footprint. */
  destination: GeoPoint | null;
  /** The time the cart is priced at: which delivery dates are still open. */
  now: Date;
}

export interface PricedLine<P extends CartProduct = CartProduct> {
  /** The line's index in the cart. */
  position: number;
  product: P;
  quantityThousandths: number;
  unitPriceCents: number;
  vatRateBasisPoints: number;
  /** round(quantity × unit price), excluding VAT. */
  totalCents: number;
  massKg: number;
  /** The stock covers the quantity. */
  available: boolean;
  /** The quantity is under the product's minimum order quantity. */
  belowMinimumQuantity: boolean;
}

/** What keeps a producer's part from being ordered as it is. */
export type CartProblem =
  | {
      code: 'OUT_OF_STOCK';
      productId: string;
      productName: string;
      unit: CartProduct['unit'];
      availableThousandths: number;
    }
  | {
      code: 'BELOW_MINIMUM_QUANTITY';
      position: number;
      productId: string;
      productName: string;
      unit: CartProduct['unit'];
      minimumThousandths: number;
    }
  | {
      code: 'NO_DELIVERY_OPTION';
      producerId: string;
      producerName: string;
      reason: 'NONE_CHOSEN' | 'NOT_OFFERED' | 'NONE_OFFERED';
    }
  | {
      code: 'DELIVERY_DATE';
      producerId: string;
      producerName: string;
      deliveryIndex: number;
      deliveryDate: string | null;
      reason: 'MISSING' | 'NOT_OPEN' | 'CLOSED' | 'PAST_CUTOFF';
    }
  | {
      code: 'OUT_OF_DELIVERY_AREA';
      producerId: string;
      producerName: string;
      deliveryOptionId: string;
      label: string;
      distanceKm: number;
      maxDistanceKm: number;
    }
  | {
      code: 'MINIMUM_NOT_MET';
      producerId: string;
      producerName: string;
      deliveryOptionLabel: string | null;
      minimumCents: number;
      goodsCents: number;
      missingCents: number;
    }
  /** Added by `quoteCart` for a consumer (who pays by card) when the producer cannot take card payments yet. */
  | { code: 'PRODUCER_NOT_PAYABLE'; producerId: string; producerName: string };

export type CartProblemCode = CartProblem['code'];

/** One producer's part of the cart. */
export interface PricedPart<
  P extends CartProduct = CartProduct,
  O extends CartProducer = CartProducer,
  D extends CartDeliveryOption = CartDeliveryOption,
> {
  producer: O;
  lines: PricedLine<P>[];
  /** The producer's active delivery options, oldest first as given. */
  options: D[];
  /** The option chosen for this producer, null when none is, or when the one named is not one of `options`. */
  option: D | null;
  /** The delivery date chosen, when the option has delivery days (null otherwise, or while none is chosen). */
  deliveryDate: string | null;
  /** The index of this producer's choice in the cart's `deliveries`, null when there is none. */
  deliveryIndex: number | null;
  /** Great-circle km from the producer to the destination; null without a destination. */
  distanceKm: number | null;
  /** Goods, the chosen option's fee (0 without one), VAT per rate. */
  totals: SupplierOrderTotals;
  /** The chosen option's minimum; without one, the lowest minimum of the producer's options. Excluding VAT. */
  minOrderCents: number;
  minimumMet: boolean;
  /** What the goods lack to reach the minimum (0 when met). */
  missingCents: number;
  /** The transport footprint; null without a destination or a chosen option. */
  carbon: CarbonFootprint | null;
  /** In the order checkout reports them: lines (cart order), then the delivery option, its area, the minimum. */
  problems: CartProblem[];
}

/** A delivery choice that does not fit the cart, by its index in `deliveries`. */
export interface DeliveryChoiceIssue {
  index: number;
  producerId: string;
  /** NOT_IN_CART: no line of this producer; DUPLICATE: a second choice for one producer; NOT_OFFERED: not its active option. */
  reason: 'NOT_IN_CART' | 'DUPLICATE' | 'NOT_OFFERED';
}

export interface PricedCart<
  P extends CartProduct = CartProduct,
  O extends CartProducer = CartProducer,
  D extends CartDeliveryOption = CartDeliveryOption,
> {
  /** One part per producer, in the order the producers first appear in the cart. */
  parts: PricedPart<P, O, D>[];
  /** Lines naming no product on sale (unknown, malformed or withdrawn), in cart order. */
  unavailable: { position: number; productId: string }[];
  /** Lines whose quantity is malformed (zero, negative, more than 3 decimals, part of a piece): BAD_USER_INPUT. */
  malformed: { position: number; error: AppError }[];
  /** Lines naming a product an earlier line already names. */
  duplicates: { position: number; productId: string; productName: string }[];
  deliveryIssues: DeliveryChoiceIssue[];
  totals: MoneyTotals;
  /** The sum of the parts' footprints; null when a part has none (no destination, or no option chosen). */
  carbon: CarbonFootprintTotal | null;
}

/** A part ready to be written: an option chosen, a footprint computed. */
export type OrderablePart<P extends CartProduct, O extends CartProducer, D extends CartDeliveryOption> = PricedPart<
  P,
  O,
  D
> & { option: D; carbon: CarbonFootprint };

export type OrderableCart<P extends CartProduct, O extends CartProducer, D extends CartDeliveryOption> = PricedCart<
  P,
  O,
  D
> & {
  parts: OrderablePart<P, O, D>[];
  carbon: CarbonFootprintTotal;
};

/** A cart of more than MAX_CART_LINES lines is refused before anything is read. */
export function checkLineCount(lines: readonly unknown[]): void {
  if (lines.length > MAX_CART_LINES) throw AppError.badInput('lines', `A cart holds at most ${MAX_CART_LINES} lines.`);
}

/** The quantity in thousandths, or the catalog's error for a malformed one (returned: callers decide what comes first). */
function quantityThousandthsOf(quantity: number, field: string, wholeUnits: boolean): number | AppError {
  try {
    return toThousandths(quantity, field, { allowZero: false, wholeUnits });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

const hasCoordinates = (address: CartProducer['address']): address is { latitude: number; longitude: number } =>
  address.latitude != null && address.longitude != null;

/**
 * The cart priced, line by line and producer by producer. Never throws for what a quote reports (products not on
 * sale, stock, minimums, delivery choices, delivery area): those are in the result. Throws only past MAX_CART_LINES.
 */
export function priceCart<P extends CartProduct, O extends CartProducer, D extends CartDeliveryOption>(
  input: CartPricingInput<P, O, D>,
): PricedCart<P, O, D> {
  checkLineCount(input.lines);
  const products = new Map(input.products.map((product) => [product.id, product]));
  const unavailable: PricedCart['unavailable'] = [];
  const malformed: PricedCart['malformed'] = [];
  const duplicates: PricedCart['duplicates'] = [];
  const lines: PricedLine<P>[] = [];
  const seen = new Set<string>();

  input.lines.forEach((line, position) => {
    const product = products.get(line.productId);
    if (!product || !product.active) {
      unavailable.push({ position, productId: line.productId });
      return;
    }
    const quantityThousandths = quantityThousandthsOf(
      line.quantity,
      `lines[${position}].quantity`,
      product.unit === 'PIECE',
    );
    if (quantityThousandths instanceof AppError) {
      malformed.push({ position, error: quantityThousandths });
      return;
    }
    if (seen.has(product.id)) duplicates.push({ position, productId: product.id, productName: product.name });
    seen.add(product.id);
    const unitPriceCents = unitPriceFor(input.b2b, product.priceCents, product.b2bPriceTiers, quantityThousandths);
    lines.push({
      position,
      product,
      quantityThousandths,
      unitPriceCents,
      vatRateBasisPoints: product.vatRateBasisPoints,
      totalCents: lineTotalCents(quantityThousandths, unitPriceCents),
      massKg: (quantityThousandths / THOUSANDTHS) * product.unitMassKg,
      available: product.stockThousandths >= quantityThousandths,
      belowMinimumQuantity: quantityThousandths < product.minOrderThousandths,
    });
  });

  const producerIds = [...new Set(lines.map((line) => line.product.producerId))];
  const producers = new Map(input.producers.map((producer) => [producer.id, producer]));
  const optionsOf = new Map<string, D[]>(producerIds.map((producerId) => [producerId, []]));
  for (const option of input.deliveryOptions) if (option.active) optionsOf.get(option.producerId)?.push(option);

  const chosen = new Map<string, D | null>();
  const choices = new Map<string, { index: number; deliveryDate: string | null }>();
  const deliveryIssues: DeliveryChoiceIssue[] = [];
  input.deliveries.forEach((delivery, index) => {
    const { producerId } = delivery;
    if (!optionsOf.has(producerId)) return void deliveryIssues.push({ index, producerId, reason: 'NOT_IN_CART' });
    if (chosen.has(producerId)) return void deliveryIssues.push({ index, producerId, reason: 'DUPLICATE' });
    const option = optionsOf.get(producerId)!.find((candidate) => candidate.id === delivery.deliveryOptionId) ?? null;
    if (!option) deliveryIssues.push({ index, producerId, reason: 'NOT_OFFERED' });
    chosen.set(producerId, option);
    choices.set(producerId, { index, deliveryDate: delivery.deliveryDate ?? null });
  });

  const parts = producerIds.map((producerId) => {
    const producer = producers.get(producerId);
    if (!producer) throw new Error(`The producer ${producerId} of a product in the cart was not given.`);
    return pricePart(
      producer,
      lines.filter((line) => line.product.producerId === producerId),
      optionsOf.get(producerId)!,
      chosen,
      choices.get(producerId),
      input.destination,
      input.now,
    );
  });

  const footprints = parts.map((part) => part.carbon);
  return {
    parts,
    unavailable,
    malformed,
    duplicates,
    deliveryIssues,
    totals: sumTotals(parts.map((part) => part.totals)),
    carbon:
      footprints.length > 0 && footprints.every((footprint) => footprint !== null)
        ? sumFootprints(footprints as CarbonFootprint[])
        : null,
  };
}

function pricePart<P extends CartProduct, O extends CartProducer, D extends CartDeliveryOption>(
  producer: O,
  lines: PricedLine<P>[],
  options: D[],
  chosen: ReadonlyMap<string, D | null>,
  choice: { index: number; deliveryDate: string | null } | undefined,
  destination: GeoPoint | null,
  now: Date,
): PricedPart<P, O, D> {
  const problems: CartProblem[] = [];
  for (const line of lines) {
    const { product } = line;
    if (line.belowMinimumQuantity) {
      problems.push({
        code: 'BELOW_MINIMUM_QUANTITY',
        position: line.position,
        productId: product.id,
        productName: product.name,
        unit: product.unit,
        minimumThousandths: product.minOrderThousandths,
      });
    }
    if (!line.available) {
      problems.push({
        code: 'OUT_OF_STOCK',
        productId: product.id,
        productName: product.name,
        unit: product.unit,
        availableThousandths: Math.max(0, product.stockThousandths),
      });
    }
  }

  const option = chosen.get(producer.id) ?? null;
  if (!option) {
    const reason = options.length === 0 ? 'NONE_OFFERED' : chosen.has(producer.id) ? 'NOT_OFFERED' : 'NONE_CHOSEN';
    problems.push({ code: 'NO_DELIVERY_OPTION', producerId: producer.id, producerName: producer.name, reason });
  }

  // The delivery date: asked only of an option with delivery days, and one of its open days.
  const deliveryDate = option && option.weekdays.length > 0 ? (choice?.deliveryDate ?? null) : null;
  const dateProblem = deliveryDateProblem(producer, option, choice, now);
  if (dateProblem) problems.push(dateProblem);

  const origin = hasCoordinates(producer.address)
    ? { latitude: producer.address.latitude, longitude: producer.address.longitude }
    : null;
  const distanceKm = origin && destination ? greatCircleKm(origin, destination) : null;
  if (
    option &&
    distanceKm !== null &&
    option.mode !== 'PICKUP' &&
    option.maxDistanceKm != null &&
    distanceKm > option.maxDistanceKm
  ) {
    problems.push({
      code: 'OUT_OF_DELIVERY_AREA',
      producerId: producer.id,
      producerName: producer.name,
      deliveryOptionId: option.id,
      label: option.label,
      distanceKm,
      maxDistanceKm: option.maxDistanceKm,
    });
  }

  const totals = supplierOrderTotals(lines, option?.feeCents ?? 0);
  const minOrderCents = option
    ? option.minOrderCents
    : options.length
      ? Math.min(...options.map((candidate) => candidate.minOrderCents))
      : 0;
  const missingCents = Math.max(0, minOrderCents - totals.goodsCents);
  if (missingCents > 0) {
    problems.push({
      code: 'MINIMUM_NOT_MET',
      producerId: producer.id,
      producerName: producer.name,
      deliveryOptionLabel: option?.label ?? null,
      minimumCents: minOrderCents,
      goodsCents: totals.goodsCents,
      missingCents,
    });
  }

  const carbon =
    option && origin && destination
      ? supplierOrderFootprint(partCarbonInput(lines, origin, destination, option))
      : null;

  return {
    producer,
    lines,
    options,
    option,
    deliveryDate,
    deliveryIndex: choice?.index ?? null,
    distanceKm,
    totals,
    minOrderCents,
    minimumMet: missingCents === 0,
    missingCents,
    carbon,
    problems,
  };
}

type DeliveryDateProblem = Extract<CartProblem, { code: 'DELIVERY_DATE' }>;

/** Why a part's delivery date cannot be chosen, or null: asked only of an option with delivery days. */
function deliveryDateProblem(
  producer: CartProducer,
  option: CartDeliveryOption | null,
  choice: { index: number; deliveryDate: string | null } | undefined,
  now: Date,
): DeliveryDateProblem | null {
  if (!option || !choice || option.weekdays.length === 0) return null;
  const deliveryDate = choice.deliveryDate ?? null;
  const reason = deliveryDate === null ? 'MISSING' : deliveryDateRefusal(deliveryDate, option, now);
  if (!reason) return null;
  return {
    code: 'DELIVERY_DATE',
    producerId: producer.id,
    producerName: producer.name,
    deliveryIndex: choice.index,
    deliveryDate,
    reason,
  };
}

/**
 * Checkout's second look at its parts' delivery days, inside the transaction that writes the order, with their
 * options as they are now under their locks (`current`: `DeliveryOptionService.lockedForDays`): a day the producer
 * closed since the cart was priced is refused as `assertOrderable` refuses it (BAD_USER_INPUT, reason CLOSED).
 */
export function assertDeliveryDatesOpen(
  cart: OrderableCart<CartProduct, CartProducer, CartDeliveryOption>,
  current: readonly CartDeliveryOption[],
  now: Date,
): void {
  const byId = new Map(current.map((option) => [option.id, option]));
  for (const part of cart.parts) {
    if (part.deliveryDate === null || part.deliveryIndex === null) continue;
    const option = byId.get(part.option.id) ?? part.option;
    const problem = deliveryDateProblem(
      part.producer,
      option,
      { index: part.deliveryIndex, deliveryDate: part.deliveryDate },
      now,
    );
    if (problem) throw deliveryDateFailure(problem);
  }
}

/** What the carbon method needs of a part of the cart, as placeOrder will store it. */
export function partCarbonInput(
  lines: readonly PricedLine[],
  producerLocation: GeoPoint,
  deliveryLocation: GeoPoint,
  option: Pick<CartDeliveryOption, 'mode' | 'vehicleId'>,
): SupplierOrderCarbonInput {
  return {
    lines: lines.map((line) => ({ massKg: line.massKg, category: line.product.category, intermediaries: 0 })),
    producerLocation,
    deliveryLocation,
    deliveryOption: { mode: option.mode, vehicleId: option.vehicleId ?? null },
  };
}

/**
 * The input errors of a priced cart, the first of which a quote answers: malformed quantities, a product on two
 * lines, two delivery options for one producer. Everything else a quote reports as problems.
 */
export function malformedInputErrors(cart: PricedCart): AppError[] {
  return [
    ...cart.malformed.map(({ error }) => error),
    ...cart.duplicates.map(duplicateLineError),
    ...cart.deliveryIssues
      .filter((issue) => issue.reason === 'DUPLICATE')
      .map((issue) =>
        AppError.badInput(`deliveries[${issue.index}].producerId`, 'Choose one delivery option per producer.'),
      ),
  ];
}

const duplicateLineError = ({ position, productName }: PricedCart['duplicates'][number]) =>
  AppError.badInput(
    `lines[${position}].productId`,
    `${productName} is in the cart twice; put the whole quantity on one line.`,
  );

/**
 * The cart as checkout takes it, or the error checkout answers: the first problem, in this order — an empty cart;
 * line by line, a product not on sale, a malformed quantity, a quantity under the product's minimum; a product on
 * two lines; the delivery choices one by one, then a producer without one, then each part's delivery date; producer by producer, the delivery area
 * and the minimum order; and last, the stock (the conditional update of checkout stays the authority on it).
 */
export function assertOrderable<P extends CartProduct, O extends CartProducer, D extends CartDeliveryOption>(
  cart: PricedCart<P, O, D>,
): OrderableCart<P, O, D> {
  const lineCount =
    cart.parts.reduce((count, part) => count + part.lines.length, 0) + cart.unavailable.length + cart.malformed.length;
  if (lineCount === 0) throw AppError.badInput('lines', 'The cart is empty.');

  const lines = new Map(cart.parts.flatMap((part) => part.lines.map((line) => [line.position, line] as const)));
  const unavailable = new Map(cart.unavailable.map((line) => [line.position, line]));
  const malformed = new Map(cart.malformed.map((line) => [line.position, line.error]));
  for (let position = 0; position < lineCount; position++) {
    const missing = unavailable.get(position);
    if (missing) {
      throw new AppError(ErrorCode.NOT_FOUND, 'A product in the cart is not on sale (any more).', {
        field: `lines[${position}].productId`,
        productId: missing.productId,
      });
    }
    const error = malformed.get(position);
    if (error) throw error;
    const line = lines.get(position);
    if (line?.belowMinimumQuantity) {
      const { product } = line;
      throw new AppError(
        ErrorCode.MINIMUM_NOT_MET,
        `${product.name} is sold from ${product.minOrderThousandths / THOUSANDTHS} ${product.unit.toLowerCase()} on.`,
        {
          field: `lines[${position}].quantity`,
          productId: product.id,
          minimumQuantity: product.minOrderThousandths / THOUSANDTHS,
        },
      );
    }
  }
  if (cart.duplicates.length) throw duplicateLineError(cart.duplicates[0]);

  for (const issue of cart.deliveryIssues) {
    if (issue.reason === 'NOT_IN_CART')
      throw AppError.badInput(`deliveries[${issue.index}].producerId`, 'This producer has nothing in the cart.');
    if (issue.reason === 'DUPLICATE')
      throw AppError.badInput(`deliveries[${issue.index}].producerId`, 'Choose one delivery option per producer.');
    throw AppError.badInput(
      `deliveries[${issue.index}].deliveryOptionId`,
      'This is not one of the delivery options this producer offers.',
    );
  }
  const unchosen = cart.parts.find((part) => !part.option);
  if (unchosen)
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Choose how each producer of the cart delivers.', {
      field: 'deliveries',
      producerId: unchosen.producer.id,
    });
  for (const part of cart.parts) {
    const problem = part.problems.find((candidate) => candidate.code === 'DELIVERY_DATE');
    if (problem?.code === 'DELIVERY_DATE') throw deliveryDateFailure(problem);
  }

  for (const part of cart.parts) {
    for (const problem of part.problems) {
      if (problem.code === 'OUT_OF_DELIVERY_AREA') {
        throw new AppError(
          ErrorCode.OUT_OF_DELIVERY_AREA,
          `${problem.producerName} delivers within ${problem.maxDistanceKm} km with "${problem.label}"; this address is ${Math.round(problem.distanceKm)} km away.`,
          {
            producerId: problem.producerId,
            deliveryOptionId: problem.deliveryOptionId,
            distanceKm: Math.round(problem.distanceKm * 10) / 10,
            maxDistanceKm: problem.maxDistanceKm,
          },
        );
      }
      if (problem.code === 'MINIMUM_NOT_MET') {
        throw new AppError(
          ErrorCode.MINIMUM_NOT_MET,
          `${problem.producerName} delivers orders of at least ${eurosText(problem.minimumCents)} excluding VAT with "${problem.deliveryOptionLabel}".`,
          {
            producerId: problem.producerId,
            minimumCents: problem.minimumCents,
            goodsCents: problem.goodsCents,
          },
        );
      }
    }
  }
  if (cart.parts.some((part) => !part.carbon) || !cart.carbon)
    throw AppError.badInput('deliveryAddress', 'This address could not be placed on the map.');

  // Stock last, in the order checkout locks products (ascending id), as the conditional update would find it short.
  const short = cart.parts
    .flatMap((part) => part.lines)
    .filter((line) => !line.available)
    .sort((a, b) => (a.product.id < b.product.id ? -1 : a.product.id > b.product.id ? 1 : 0))[0];
  if (short) {
    const available = Math.max(0, short.product.stockThousandths) / THOUSANDTHS;
    throw new AppError(ErrorCode.OUT_OF_STOCK, `Only ${available} left of ${short.product.name}.`, {
      productId: short.product.id,
      available,
    });
  }
  return cart as OrderableCart<P, O, D>;
}

function deliveryDateFailure(problem: DeliveryDateProblem): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, deliveryDateError(problem), {
    field: `deliveries[${problem.deliveryIndex}].deliveryDate`,
    producerId: problem.producerId,
    reason: problem.reason,
  });
}

function deliveryDateError(problem: DeliveryDateProblem): string {
  if (problem.reason === 'MISSING')
    return `Choose the delivery date for ${problem.producerName}: this option delivers on set days.`;
  if (problem.reason === 'NOT_OPEN')
    return `${problem.producerName} does not deliver on ${problem.deliveryDate} with this option; choose one of its next delivery dates.`;
  if (problem.reason === 'CLOSED')
    return `${problem.producerName} is closed on ${problem.deliveryDate}: there is no delivery that day; choose one of its next delivery dates.`;
  return `Orders for ${problem.deliveryDate} with ${problem.producerName} are closed; choose a later delivery date.`;
}

const UNIT_NAMES: Record<CartProduct['unit'], [one: string, many: string]> = {
  KG: ['kg', 'kg'],
  LITRE: ['L', 'L'],
  PIECE: ['pièce', 'pièces'],
};

/** Thousandths of a unit as people read them in French: 2500, KG → "2,5 kg"; 3000, PIECE → "3 pièces". */
export function quantityText(thousandths: number, unit: CartProduct['unit']): string {
  const value = thousandths / THOUSANDTHS;
  const [one, many] = UNIT_NAMES[unit];
  return `${String(value).replace('.', ',')} ${value >= 2 ? many : one}`;
}

/** A problem as the cart page tells it to a person, in French. */
export function problemMessage(problem: CartProblem): string {
  switch (problem.code) {
    case 'OUT_OF_STOCK':
      return problem.availableThousandths > 0
        ? `Il ne reste que ${quantityText(problem.availableThousandths, problem.unit)} de «\u00a0${problem.productName}\u00a0»\u00a0: réduisez la quantité.`
        : `«\u00a0${problem.productName}\u00a0» n'est plus en stock.`;
    case 'BELOW_MINIMUM_QUANTITY':
      return `«\u00a0${problem.productName}\u00a0» se commande à partir de ${quantityText(problem.minimumThousandths, problem.unit)}.`;
    case 'NO_DELIVERY_OPTION':
      if (problem.reason === 'NONE_OFFERED')
        return `${problem.producerName} ne propose aucun mode de livraison pour le moment.`;
      if (problem.reason === 'NOT_OFFERED')
        return `Ce mode de livraison n'est plus proposé par ${problem.producerName}\u00a0: choisissez-en un autre.`;
      return `Choisissez comment ${problem.producerName} vous livre.`;
    case 'DELIVERY_DATE':
      if (problem.reason === 'MISSING') return `Choisissez le jour de livraison de ${problem.producerName}.`;
      if (problem.reason === 'NOT_OPEN')
        return `${problem.producerName} ne livre pas ce jour-là avec ce mode de livraison\u00a0: choisissez une autre date.`;
      if (problem.reason === 'CLOSED')
        return `${problem.producerName} a fermé ce jour-là\u00a0: il n’y a pas de livraison, choisissez une autre date.`;
      return `Les commandes pour cette date sont closes chez ${problem.producerName}\u00a0: choisissez une date plus tardive.`;
    case 'OUT_OF_DELIVERY_AREA':
      return `${problem.producerName} livre dans un rayon de ${String(problem.maxDistanceKm).replace('.', ',')} km avec «\u00a0${problem.label}\u00a0»\u00a0; cette adresse est à ${Math.round(problem.distanceKm)} km. Choisissez un autre mode de livraison.`;
    case 'MINIMUM_NOT_MET':
      return problem.deliveryOptionLabel
        ? `${problem.producerName} livre les commandes d'au moins ${eurosText(problem.minimumCents)} HT avec «\u00a0${problem.deliveryOptionLabel}\u00a0»\u00a0: il manque ${eurosText(problem.missingCents)}.`
        : `${problem.producerName} accepte les commandes d'au moins ${eurosText(problem.minimumCents)} HT\u00a0: il manque ${eurosText(problem.missingCents)}.`;
    case 'PRODUCER_NOT_PAYABLE':
      return `${problem.producerName} ne peut pas encore être payé par carte\u00a0: retirez ses produits du panier pour commander.`;
  }
}

/** The product a problem is about, if it is about one. */
export const problemProductId = (problem: CartProblem): string | null =>
  'productId' in problem ? problem.productId : null;
