import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { supplierOrderFootprint } from '@app/carbon';
import { StockService } from '@app/catalog';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { AppError, ErrorCode, isUuid, OutboxService, UnitOfWork } from '@app/platform';
import { Order } from '../entities/order.entity';
import { sumTotals } from '../money';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderTransition } from '../entities/supplier-order-transition.entity';
import { SUPPLIER_ORDER_STATUS_CHANGED, type SupplierOrderStatusChanged } from '../ordering-events';
import { OrderAccess } from '../queries/order-access';
import { MAX_ODOMETER_KM, carbonInputOf, replacedFootprint } from './supplier-order-carbon';
import { plannedRoundKeyOf, reallocatePlannedRound } from './planned-round';
import { CancellationRefunds } from './cancellation-refunds';
import {
  AWAITING_PAYMENT,
  PAYMENT_EXPIRED,
  SupplierOrderPaymentStatus,
  paymentStatusAfterCancel,
  waitsForPayment,
} from './supplier-order-payment';
import {
  type SupplierOrderActor,
  SupplierOrderStatus,
  canTransition,
  countedParts,
  restoresStock,
} from './supplier-order-state';

/**
 * Moves supplier orders through their life. Every move is one conditional UPDATE on the status it was read in:
 * two concurrent moves from the same state cannot both succeed, so stock comes back exactly once (INV-04).
 */
@Injectable()
export class OrderLifecycleService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly access: OrderAccess,
    private readonly stock: StockService,
    private readonly outbox: OutboxService,
    private readonly refunds: CancellationRefunds,
  ) {}

  /** `updateSupplierOrderStatus`: the producer moves its own supplier order; at delivery it may report the distance driven. */
  async updateSupplierOrderStatus(
    user: AuthUser,
    id: string,
    status: SupplierOrderStatus,
    odometerKm?: number | null,
    reason?: string | null,
  ): Promise<SupplierOrder> {
    const em = this.unitOfWork.em;
    const supplierOrder = isUuid(id) ? await em.findOne(SupplierOrder, id, { populate: ['lines'] }) : null;
    if (!supplierOrder) throw AppError.notFound('Supplier order');
    await this.policy.assertMember(user, supplierOrder.producerId, { kinds: [OrganizationKind.PRODUCER] }).catch(() => {
      throw AppError.notFound('Supplier order');
    });
    if (odometerKm != null) {
      if (status !== SupplierOrderStatus.DELIVERED)
        throw AppError.badInput('odometerKm', 'The distance driven is reported with the delivery.');
      if (!Number.isFinite(odometerKm) || odometerKm <= 0 || odometerKm > MAX_ODOMETER_KM) {
        throw AppError.badInput(
          'odometerKm',
          `The distance driven to this delivery is more than 0 and at most ${MAX_ODOMETER_KM} km, one way.`,
        );
      }
    }
    await em.transactional((tx) => this.move(tx, supplierOrder, status, 'PRODUCER', user, { odometerKm, reason }));
    return this.unitOfWork.em.findOneOrFail(SupplierOrder, id, { populate: ['lines', 'order'] });
  }

  /**
   * `cancelOrder`: the buyer cancels every part of the order, which only works while no producer has confirmed.
   * Cancelling again an order already cancelled changes nothing and answers the order.
   */
  async cancelOrder(user: AuthUser, id: string, reason?: string | null): Promise<Order> {
    const order = await this.access.readableOrder(user, id);
    if (!order) throw AppError.notFound('Order');
    await this.unitOfWork.transactional(async (tx) => {
      const parts = await tx.find(SupplierOrder, { order: order.id }, { populate: ['lines'] });
      for (const part of parts) {
        if (part.status !== SupplierOrderStatus.CANCELLED)
          await this.move(tx, part, SupplierOrderStatus.CANCELLED, 'BUYER', user, { reason });
      }
    });
    return this.unitOfWork.em.findOneOrFail(Order, order.id, { populate: ['supplierOrders.lines'] });
  }

  /**
   * `cancelSupplierOrder`: the buyer cancels one producer's part while it is PLACED; its stock comes back and the
   * order's totals become those of its other parts (the payments context refunds a paid card part). Asking again for
   * a part already cancelled changes nothing and answers the part, so a retried request cancels once.
   */
  async cancelSupplierOrder(user: AuthUser, id: string, reason?: string | null): Promise<SupplierOrder> {
    const em = this.unitOfWork.em;
    const found = isUuid(id) ? await em.findOne(SupplierOrder, id, { fields: ['order'] }) : null;
    const order = found
      ? await this.access.readableOrder(
          user,
          typeof found.order === 'object' ? found.order.id : (found.order as string),
        )
      : null;
    // Another buyer's part, or a producer's own part seen from the buyer's side: the same answer as no part at all.
    if (!found || !order) throw AppError.notFound('Supplier order');
    await em.transactional(async (tx) => {
      const part = await tx.findOneOrFail(SupplierOrder, id, { populate: ['lines'], refresh: true });
      if (part.status === SupplierOrderStatus.CANCELLED) return;
      await this.move(tx, part, SupplierOrderStatus.CANCELLED, 'BUYER', user, { reason });
    });
    return this.unitOfWork.em.findOneOrFail(SupplierOrder, id, { populate: ['lines', 'order'] });
  }

  /**
   * A card order still unpaid when its `CARD_PAYMENT_DUE` job runs: each part still PLACED and awaiting payment is
   * cancelled with the reason PAYMENT_EXPIRED and its stock restored, through the same conditional move as any
   * cancellation (so never twice, whatever runs at the same time). The caller (payments) holds the payment row's
   * lock and has checked that the order is not paid. The buyer is recorded as the actor: the order lapsed on its
   * side. Returns how many parts expired.
   */
  async expireUnpaidCardOrder(em: EntityManager, orderId: string): Promise<number> {
    const order = await em.findOne(Order, orderId, { fields: ['buyerUserId'] });
    if (!order) return 0;
    const parts = await em.find(
      SupplierOrder,
      { order: orderId, status: SupplierOrderStatus.PLACED, paymentStatus: SupplierOrderPaymentStatus.AWAITING },
      { populate: ['lines'], refresh: true },
    );
    const buyer = { id: order.buyerUserId } as AuthUser;
    for (const part of parts)
      await this.move(em, part, SupplierOrderStatus.CANCELLED, 'BUYER', buyer, { reason: PAYMENT_EXPIRED });
    return parts.length;
  }

  private async move(
    em: EntityManager,
    supplierOrder: SupplierOrder,
    to: SupplierOrderStatus,
    actor: SupplierOrderActor,
    user: AuthUser,
    { odometerKm, reason }: { odometerKm?: number | null; reason?: string | null },
  ): Promise<void> {
    const from = supplierOrder.status;
    if (!canTransition(from, to, actor)) throw invalidTransition(from, to, actor);
    if (waitsForPayment(supplierOrder.paymentStatus, to)) throw awaitingPayment(from, to);
    const orderId = typeof supplierOrder.order === 'object' ? supplierOrder.order.id : (supplierOrder.order as string);
    // A cancelled paid part is refunded: one the payment can no longer refund (disputed) stays as it is, unless the
    // buyer's bank gave it back whole (a dispute lost: cancelled with no refund). Read without
    // the payment's lock (its holders lock orders after it): a dispute recorded in the same instant is the refund's
    // own refusal to handle (an alert).
    if (to === SupplierOrderStatus.CANCELLED) {
      const refusal = await this.refunds.refusal(em, orderId, supplierOrder.id);
      if (refusal) throw refusal;
    }
    // A cancellation changes the order's totals: the order row is locked first, so that two parts cancelled at once
    // each count the other's cancellation, and parts are always locked after their order (no deadlock).
    if (to === SupplierOrderStatus.CANCELLED)
      await em.execute('update customer_order set number = number where id = ?', [orderId]);
    const now = new Date();
    const changes: Partial<SupplierOrder> = { status: to, statusChangedAt: now };
    if (to === SupplierOrderStatus.CANCELLED) changes.cancelReason = reason?.trim().slice(0, 500) || undefined;
    if (to === SupplierOrderStatus.CANCELLED)
      changes.paymentStatus = paymentStatusAfterCancel(supplierOrder.paymentStatus, changes.cancelReason);
    if (to === SupplierOrderStatus.DELIVERED) {
      changes.deliveredAt = now;
      if (odometerKm != null) Object.assign(changes, footprintWithOdometer(supplierOrder, odometerKm));
    }
    // Moving on needs the payment the part was read with (a card part AWAITING its payment is refused above).
    const paid =
      to === SupplierOrderStatus.CANCELLED ? {} : { paymentStatus: { $ne: SupplierOrderPaymentStatus.AWAITING } };
    const moved = await em.nativeUpdate(SupplierOrder, { id: supplierOrder.id, status: from, ...paid }, changes);
    if (moved === 0) {
      const now = await em.findOneOrFail(SupplierOrder, supplierOrder.id, {
        fields: ['status', 'paymentStatus'],
        refresh: true,
      });
      // Someone else made the same move a moment earlier: nothing left to do (and stock is not restored twice).
      if (now.status === to && to === SupplierOrderStatus.CANCELLED) return;
      if (now.status === from && waitsForPayment(now.paymentStatus, to)) throw awaitingPayment(from, to);
      throw invalidTransition(now.status, to, actor);
    }
    if (restoresStock(to)) {
      await this.stock.restore(
        em,
        supplierOrder.lines
          .getItems()
          .map((line) => ({ productId: line.productId, quantityThousandths: line.quantityThousandths })),
      );
    }
    em.persist(
      em.create(SupplierOrderTransition, {
        supplierOrderId: supplierOrder.id,
        fromStatus: from,
        toStatus: to,
        actorUserId: user.id,
        reason: changes.cancelReason,
        at: now,
      }),
    );
    await em.flush();
    if (to === SupplierOrderStatus.CANCELLED) await this.recomputeOrderTotals(em, orderId);
    // §7.3: the order leaves its planned round, whose other orders share the (shorter) tour again.
    const round = to === SupplierOrderStatus.CANCELLED ? plannedRoundKeyOf(supplierOrder) : null;
    if (round) await reallocatePlannedRound(em, round);
    // One fact for every transition: the buyer's notification, the invoice on delivery and the refund on
    // cancellation are its handlers, each run and retried on its own.
    await this.outbox.enqueue(em, SUPPLIER_ORDER_STATUS_CHANGED, {
      supplierOrderId: supplierOrder.id,
      orderId,
      from,
      to,
      actor,
      reason: changes.cancelReason ?? null,
    } satisfies SupplierOrderStatusChanged);
  }

  /** The order's totals are those of its parts not cancelled (all of them once every part is cancelled). */
  private async recomputeOrderTotals(em: EntityManager, orderId: string): Promise<void> {
    const parts = await em.execute<
      { status: SupplierOrderStatus; subtotal_cents: number; vat_cents: number; total_cents: number }[]
    >('select status, subtotal_cents, vat_cents, total_cents from supplier_order where order_id = ?', [orderId]);
    const totals = sumTotals(
      countedParts(
        parts.map((part) => ({
          status: part.status,
          subtotalCents: Number(part.subtotal_cents),
          vatCents: Number(part.vat_cents),
          totalCents: Number(part.total_cents),
        })),
      ),
    );
    await em.nativeUpdate(Order, { id: orderId }, totals);
  }
}

/** The footprint recomputed with the distance the producer drove to this delivery. */
function footprintWithOdometer(supplierOrder: SupplierOrder, odometerKm: number): Partial<SupplierOrder> {
  return {
    ...replacedFootprint(supplierOrder, supplierOrderFootprint(carbonInputOf(supplierOrder, odometerKm))),
    odometerKm,
  };
}

function awaitingPayment(from: SupplierOrderStatus, to: SupplierOrderStatus): AppError {
  return new AppError(
    ErrorCode.INVALID_STATE_TRANSITION,
    'This card order is not paid yet: it can be confirmed once the buyer has paid (or cancelled).',
    {
      from,
      to,
      reason: AWAITING_PAYMENT,
    },
  );
}

function invalidTransition(from: SupplierOrderStatus, to: SupplierOrderStatus, actor: SupplierOrderActor): AppError {
  const who =
    actor === 'BUYER'
      ? 'The buyer can only cancel before the producer confirms'
      : `A supplier order cannot go from ${from} to ${to}`;
  return new AppError(ErrorCode.INVALID_STATE_TRANSITION, `${who}; it is ${from}.`, { from, to });
}
