import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { DeliveryOptionService, StockService, type DeliveryOption, type Product } from '@app/catalog';
import {
  ADDRESS_RESOLVER,
  type Address,
  type AddressInputValues,
  type AddressResolver,
  type AuthUser,
  isVerified,
  ORGANIZATION_NOT_VERIFIED,
  type Organization,
  OrganizationVerificationStatus,
} from '@app/identity';
import {
  APP_CONFIG,
  type AppConfig,
  AppError,
  ErrorCode,
  insertAtOnce,
  OutboxService,
  UnitOfWork,
} from '@app/platform';
import { Order, PaymentMethod, SalesChannel } from '../entities/order.entity';
import { OrderLine } from '../entities/order-line.entity';
import { type DeliveryTerms, SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderTransition } from '../entities/supplier-order-transition.entity';
import { SupplierOrderStatus } from '../lifecycle/supplier-order-state';
import { SupplierOrderPaymentStatus } from '../lifecycle/supplier-order-payment';
import { plannedRoundKeyOf, reallocatePlannedRound } from '../lifecycle/planned-round';
import { lineFootprintColumns } from '../lifecycle/supplier-order-carbon';
import { CARD_PAYMENT_DUE, type CardPaymentDue, ORDER_PLACED, type OrderPlaced } from '../ordering-events';
import { CardPayability } from './card-payability';
import { type OrderableCart, assertDeliveryDatesOpen, assertOrderable } from './cart-pricing';
import { CartReader } from './cart-reader';
import { InvoiceTermsService } from '../invoice-terms/invoice-terms.service';
import { isOrderNumberTaken, ORDER_NUMBER_ATTEMPTS, OrderNumbers } from './order-number';

export interface PlaceOrderValues {
  buyerOrganizationId?: string | null;
  lines: { productId: string; quantity: number }[];
  deliveries: { producerId: string; deliveryOptionId: string; deliveryDate?: string | null }[];
  deliveryAddress?: AddressInputValues | null;
  paymentMethod: PaymentMethod;
  idempotencyKey: string;
}

type OrderCart = OrderableCart<Product, Organization, DeliveryOption>;

/** Everything an order is written from: who buys, how they pay, where it goes, and the cart priced and checked. */
interface OrderDraft {
  buyerUserId: string;
  buyer: Organization | null;
  paymentMethod: PaymentMethod;
  idempotencyKey: string;
  requestDigest: string;
  deliveryAddress: Address;
  cart: OrderCart;
  /** The brands shown on each product when it was sold, kept on its line. */
  brandsByProduct: Map<string, string[]>;
}

/**
 * `placeOrder`: one checkout across producers. Everything that can be checked is checked before the transaction
 * (the cart priced and checked by `priceCart` and `assertOrderable`, as `quoteCart` prices it), so that bad input
 * changes nothing; inside it, stock is taken line by line in single conditional statements and
 * the order is written whole, or nothing is.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cartReader: CartReader,
    private readonly stock: StockService,
    private readonly deliveryOptions: DeliveryOptionService,
    private readonly outbox: OutboxService,
    private readonly payability: CardPayability,
    private readonly invoiceTerms: InvoiceTermsService,
    @Inject(ADDRESS_RESOLVER) private readonly addresses: AddressResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orderNumbers: OrderNumbers,
  ) {}

  /**
   * `producersRead`, when given, is told the producers the cart was read with (the caller may answer from them).
   *
   * Idempotency: a key is looked up only when the order cannot be placed (issue #24 item 3: not one statement more
   * for every new order). A key already used stops the attempt somewhere — at the write, on its unique key, if not
   * before (a cart now out of stock, a membership since ended) — and whatever stopped it, the earlier order is the
   * answer (CONFLICT if it was for another request); the attempt wrote nothing.
   */
  async placeOrder(
    user: AuthUser,
    input: PlaceOrderValues,
    producersRead?: (producers: readonly Organization[]) => void,
  ): Promise<Order> {
    const idempotencyKey = input.idempotencyKey.trim();
    if (!idempotencyKey || idempotencyKey.length > 100)
      throw AppError.badInput('idempotencyKey', 'The idempotency key must have between 1 and 100 characters.');
    const requestDigest = digestOf(input);
    try {
      return await this.placeNewOrder(user, input, idempotencyKey, requestDigest, producersRead);
    } catch (error) {
      // The same key sent before, or twice at once (the loser of the race answers with the winner's order).
      const earlier = await this.replayed(user, idempotencyKey, requestDigest).catch((lookupError: unknown) => {
        throw lookupError instanceof AppError ? lookupError : error;
      });
      if (earlier) return earlier;
      throw error;
    }
  }

  private async placeNewOrder(
    user: AuthUser,
    input: PlaceOrderValues,
    idempotencyKey: string,
    requestDigest: string,
    producersRead?: (producers: readonly Organization[]) => void,
  ): Promise<Order> {
    const buyer = await this.cartReader.buyerOrganization(user, input.buyerOrganizationId);
    this.checkPaymentMethod(input.paymentMethod, Boolean(buyer));
    const deliveryAddress = await this.deliveryAddressOf(input.deliveryAddress, buyer);
    if (input.lines.length === 0) throw AppError.badInput('lines', 'The cart is empty.');
    const destination = { latitude: deliveryAddress.latitude!, longitude: deliveryAddress.longitude! };
    const priced = await this.cartReader.priceWithBrands(input.lines, input.deliveries, Boolean(buyer), destination);
    const cart = assertOrderable(priced.cart);
    if (input.paymentMethod === PaymentMethod.CARD) await this.assertPayable(cart);
    if (input.paymentMethod === PaymentMethod.INVOICE && buyer) assertInvoiceable(cart, buyer);
    // Issue #20: a new buyer's invoice orders are capped per producer, and a producer may refuse a buyer's invoices.
    if (input.paymentMethod === PaymentMethod.INVOICE && buyer) {
      await this.invoiceTerms.assertInvoiceAllowed(
        buyer.id,
        cart.parts.map((part) => ({
          producerId: part.producer.id,
          producerName: part.producer.name,
          totalCents: part.totals.totalCents,
        })),
      );
    }
    const draft: OrderDraft = {
      buyerUserId: user.id,
      buyer,
      paymentMethod: input.paymentMethod,
      idempotencyKey,
      requestDigest,
      deliveryAddress,
      cart,
      brandsByProduct: priced.shownBrands,
    };
    // The order answered is the one just written, whole (its supplier orders and lines): nothing to read back.
    const order = await this.writeOrder(draft);
    producersRead?.(cart.parts.map((part) => part.producer));
    return order;
  }

  private async replayed(user: AuthUser, idempotencyKey: string, requestDigest: string): Promise<Order | null> {
    const order = await this.unitOfWork.em.findOne(
      Order,
      { buyerUserId: user.id, idempotencyKey },
      { populate: ['supplierOrders.lines'] },
    );
    if (order && order.requestDigest !== requestDigest) {
      throw new AppError(
        ErrorCode.CONFLICT,
        'This idempotency key was already used for a different order; use a new key for a new order.',
        { field: 'idempotencyKey' },
      );
    }
    return order;
  }

  private checkPaymentMethod(method: PaymentMethod, business: boolean): void {
    if (method === PaymentMethod.INVOICE && !business)
      throw AppError.badInput('paymentMethod', 'Payment by invoice is for business buyers; pay by card.');
    if (method === PaymentMethod.CARD && !this.config.payments.stripe) {
      throw new AppError(
        ErrorCode.PAYMENTS_NOT_CONFIGURED,
        'Card payments are not set up on this server; business buyers can pay by invoice.',
      );
    }
  }

  /** Every producer of a card order must be able to take the payment (its Stripe account as Stripe last told us). */
  private async assertPayable(cart: OrderCart): Promise<void> {
    const unpayable = new Set(
      await this.payability.unpayableProducers(
        this.unitOfWork.em,
        cart.parts.map((part) => part.producer.id),
      ),
    );
    const producer = cart.parts.find((part) => unpayable.has(part.producer.id))?.producer;
    if (!producer) return;
    throw new AppError(
      ErrorCode.PRODUCER_NOT_PAYABLE,
      `${producer.name} cannot take card payments yet; pay by invoice or remove its products.`,
      {
        producerId: producer.id,
        producerName: producer.name,
        producerIds: [...unpayable],
      },
    );
  }

  private async deliveryAddressOf(
    input: AddressInputValues | null | undefined,
    buyer: Organization | null,
  ): Promise<Address> {
    const address = input ? await this.addresses.resolve(input, 'deliveryAddress') : buyer?.address;
    if (!address) throw AppError.badInput('deliveryAddress', 'Give the address to deliver to.');
    if (address.latitude == null || address.longitude == null)
      throw AppError.badInput('deliveryAddress', 'This address could not be placed on the map.');
    return address;
  }

  /**
   * Writes the order whole, with its outbox messages (so they are committed with it, or not at all), and takes its
   * stock. On PostgreSQL in one statement, a transaction of its own, without the unit of work (issue #24 item 3:
   * `insertAtOnce` with the stock taken in it, `StockService.takeWriting`), unless a part joins a planned round: its
   * re-estimate then updates the parts just written through the unit of work, which must hold them. Elsewhere, and
   * on SQLite, a transaction: the unit of work's flush, then the stock, then the planned rounds.
   *
   * A part with a delivery day takes its option's lock first, shared (`DeliveryOptionService.lockedForDays`), and
   * asks again whether the day is open with the closed days read under it (`assertDeliveryDatesOpen`): a producer
   * closing that day at the same moment either counts this order (ORDERS_PLACED) or closes first and this order is
   * refused (CLOSED). The one-statement write then runs in a transaction with that lock; a cart without delivery
   * days (the benchmark's) keeps its single statement. Locks in one order everywhere: the options, then the
   * products (ascending ids), then the planned rounds.
   */
  private async writeOrder(draft: OrderDraft): Promise<Order> {
    // A refused write wrote nothing (one statement, or a transaction rolled back): it is tried again whole.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOrderOnce(draft);
      } catch (error) {
        if (attempt >= ORDER_NUMBER_ATTEMPTS || !isOrderNumberTaken(error)) throw error;
      }
    }
  }

  /** One attempt of `writeOrder`, under a newly drawn order number. */
  private async writeOrderOnce(draft: OrderDraft): Promise<Order> {
    const movements = draft.cart.parts.flatMap((part) =>
      part.lines.map((line) => ({ productId: line.product.id, quantityThousandths: line.quantityThousandths })),
    );
    let joinsPlannedRound = false;
    for (const part of draft.cart.parts) {
      const delivery = deliveryTermsOf(part.option);
      joinsPlannedRound ||=
        plannedRoundKeyOf({ producerId: part.producer.id, delivery, deliveryDate: part.deliveryDate }) !== null;
    }
    const dated = draft.cart.parts.some((part) => part.deliveryDate !== null);
    const em = this.unitOfWork.em;
    if (em.getPlatform() instanceof PostgreSqlPlatform && !joinsPlannedRound) {
      const writeAtOnce = async (em: EntityManager): Promise<Order> => {
        const { order, rows } = this.newOrderEntities(em, draft);
        await this.stock.takeWriting(movements, (condition) =>
          insertAtOnce(em, [...rows, ...this.messagesOf(em, order, draft.paymentMethod)], condition),
        );
        return order;
      };
      if (!dated) return writeAtOnce(em);
      return this.unitOfWork.transactional(async (em) => {
        await this.assertDaysStillOpen(em, draft.cart);
        return writeAtOnce(em);
      });
    }
    return this.unitOfWork.transactional(async (em) => {
      await this.assertDaysStillOpen(em, draft.cart);
      const { order, rows } = this.newOrderEntities(em, draft);
      em.persist([...rows, ...this.messagesOf(em, order, draft.paymentMethod)]);
      await em.flush();
      // Stock last: its row locks are then held only until the commit that follows, not through the inserts.
      await this.stock.take(em, movements);
      // §7.3: each part with a delivery date joins its planned round, whose orders are then re-estimated together
      // (after the stock, as a cancellation does: locks always in the same order).
      for (const part of order.supplierOrders.getItems()) {
        const round = plannedRoundKeyOf(part);
        if (round) await reallocatePlannedRound(em, round);
      }
      return order;
    });
  }

  /** The cart's delivery days asked again under their options' shared locks, in the transaction writing the order. */
  private async assertDaysStillOpen(em: EntityManager, cart: OrderCart): Promise<void> {
    const dated = cart.parts.flatMap((part) => (part.deliveryDate !== null && part.option ? [part.option.id] : []));
    if (dated.length === 0) return;
    assertDeliveryDatesOpen(cart, await this.deliveryOptions.lockedForDays(em, dated, 'SHARE'), new Date());
  }

  /** The outbox messages of a new order, not yet in the unit of work. */
  private messagesOf(em: EntityManager, order: Order, paymentMethod: PaymentMethod): object[] {
    const messages = [this.outbox.message(em, ORDER_PLACED, { orderId: order.id } satisfies OrderPlaced)];
    if (paymentMethod === PaymentMethod.CARD) {
      // Unpaid when this comes due, the order is cancelled and its stock restored (payments' CardPaymentExpiry).
      const availableAt = new Date(order.createdAt.getTime() + this.config.payments.cardPaymentTtlMinutes * 60_000);
      messages.push(
        this.outbox.message(em, CARD_PAYMENT_DUE, { orderId: order.id } satisfies CardPaymentDue, { availableAt }),
      );
    }
    return messages;
  }

  /** The order's entities, not yet in the unit of work: the order, then its parts, lines and first transitions. */
  private newOrderEntities(
    em: EntityManager,
    {
      buyerUserId,
      buyer,
      paymentMethod,
      idempotencyKey,
      requestDigest,
      deliveryAddress,
      cart,
      brandsByProduct,
    }: OrderDraft,
  ): { order: Order; rows: object[] } {
    const now = new Date();
    const unpersisted = { persist: false };
    const order = em.create(
      Order,
      {
        number: this.orderNumbers.next(now),
        buyerUserId,
        buyerOrganizationId: buyer?.id,
        channel: buyer ? SalesChannel.B2B : SalesChannel.B2C,
        paymentMethod,
        idempotencyKey,
        requestDigest,
        deliveryAddress,
        ...cart.totals,
        createdAt: now,
      },
      unpersisted,
    );
    const rows: object[] = [order];
    const transitions: SupplierOrderTransition[] = [];
    for (const part of cart.parts) {
      const supplierOrder = em.create(
        SupplierOrder,
        {
          order,
          producerId: part.producer.id,
          buyerOrganizationId: order.buyerOrganizationId ?? null,
          delivery: deliveryTermsOf(part.option),
          deliveryDate: part.deliveryDate,
          producerLocation: { latitude: part.producer.address.latitude!, longitude: part.producer.address.longitude! },
          deliveryLocation: { latitude: deliveryAddress.latitude!, longitude: deliveryAddress.longitude! },
          goodsCents: part.totals.goodsCents,
          feeCents: part.option.feeCents,
          feeByRate: part.totals.feeByRate,
          vatByRate: part.totals.vatByRate,
          subtotalCents: part.totals.subtotalCents,
          vatCents: part.totals.vatCents,
          totalCents: part.totals.totalCents,
          carbon: part.carbon,
          emissionsKgCo2e: part.carbon.emissionsKgCo2e,
          baselineKgCo2e: part.carbon.baselineKgCo2e,
          massKg: part.carbon.massKg,
          createdAt: now,
          statusChangedAt: now,
        },
        unpersisted,
      );
      rows.push(supplierOrder);
      for (const [index, line] of part.lines.entries()) {
        const orderLine = em.create(
          OrderLine,
          {
            supplierOrder,
            position: line.position,
            productId: line.product.id,
            name: line.product.name,
            unit: line.product.unit,
            category: line.product.category,
            ciqualCode: line.product.ciqualCode ?? null,
            quantityThousandths: line.quantityThousandths,
            unitPriceCents: line.unitPriceCents,
            vatRateBasisPoints: line.vatRateBasisPoints,
            totalCents: line.totalCents,
            massKg: line.massKg,
            intermediaries: 0,
            brandIds: brandsByProduct.get(line.product.id) ?? [],
            ...lineFootprintColumns(part.carbon.lines[index]),
          },
          unpersisted,
        );
        rows.push(orderLine);
      }
      supplierOrder.paymentStatus =
        paymentMethod === PaymentMethod.CARD
          ? SupplierOrderPaymentStatus.AWAITING
          : SupplierOrderPaymentStatus.NOT_REQUIRED;
      transitions.push(
        em.create(
          SupplierOrderTransition,
          {
            supplierOrderId: supplierOrder.id,
            toStatus: SupplierOrderStatus.PLACED,
            actorUserId: buyerUserId,
            at: now,
          },
          unpersisted,
        ),
      );
    }
    return { order, rows: [...rows, ...transitions] };
  }
}

function deliveryTermsOf(option: DeliveryOption): DeliveryTerms {
  return {
    deliveryOptionId: option.id,
    mode: option.mode,
    label: option.label,
    vehicleId: option.vehicleId ?? null,
    maxDistanceKm: option.maxDistanceKm ?? null,
    feeCents: option.feeCents,
    minOrderCents: option.minOrderCents,
    ...(option.mode === 'PICKUP' ? { address: option.address ?? null, openingHours: option.openingHours ?? null } : {}),
  };
}

/** What identifies a request apart from its key, in a stable order. */
function digestOf(input: PlaceOrderValues): string {
  const canonical = JSON.stringify({
    buyerOrganizationId: input.buyerOrganizationId ?? null,
    lines: input.lines.map(({ productId, quantity }) => [productId, quantity]),
    // The date only when given, so that requests from before delivery days keep their digest.
    deliveries: input.deliveries.map(({ producerId, deliveryOptionId, deliveryDate }) =>
      deliveryDate ? [producerId, deliveryOptionId, deliveryDate] : [producerId, deliveryOptionId],
    ),
    deliveryAddress: input.deliveryAddress ?? null,
    paymentMethod: input.paymentMethod,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Issue #20 item 5: an invoice is issued in the producer's name, so only a VERIFIED producer takes invoice orders
 * (PRODUCER_NOT_PAYABLE, reason ORGANIZATION_NOT_VERIFIED, naming it); and a business an admin REJECTED (it is not
 * the company its SIRET names) may not buy on credit (BAD_USER_INPUT on paymentMethod). An UNVERIFIED business pays
 * by invoice within the new-buyer cap, like any buyer a producer never delivered to.
 */
function assertInvoiceable(cart: OrderCart, buyer: Organization): void {
  if (buyer.verificationStatus === OrganizationVerificationStatus.REJECTED) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      'This business was not verified as the company of its SIRET: it cannot pay by invoice; pay by card.',
      { field: 'paymentMethod', reason: ORGANIZATION_NOT_VERIFIED, organizationId: buyer.id },
    );
  }
  const producer = cart.parts.find((part) => !isVerified(part.producer))?.producer;
  if (!producer) return;
  throw new AppError(
    ErrorCode.PRODUCER_NOT_PAYABLE,
    `${producer.name} awaits its verification by the Ancrage team and cannot issue invoices yet; remove its products.`,
    { reason: ORGANIZATION_NOT_VERIFIED, producerId: producer.id, producerName: producer.name },
  );
}
