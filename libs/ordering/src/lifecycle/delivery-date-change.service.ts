import { Injectable } from '@nestjs/common';
import { DeliveryOptionService } from '@app/catalog';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { AppError, ErrorCode, isUuid, UnitOfWork } from '@app/platform';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { OrderAccess } from '../queries/order-access';
import { lockPlannedRounds, plannedRoundKeyOf, reallocatePlannedRound } from './planned-round';
import { type SupplierOrderActor, SupplierOrderStatus } from './supplier-order-state';

/** Who may still move a part to another day: the buyer while the producer has not confirmed it, the producer until it is prepared. */
const MOVABLE: Record<SupplierOrderActor, readonly SupplierOrderStatus[]> = {
  BUYER: [SupplierOrderStatus.PLACED],
  PRODUCER: [SupplierOrderStatus.PLACED, SupplierOrderStatus.CONFIRMED],
};

/**
 * `changeDeliveryDate`: the buyer (or the producer) moves one producer's part of an order to another open delivery
 * date of the same option, before that date's cut-off. The part leaves one planned round and joins another: both
 * are re-estimated (CARBON-METHOD §7.3), each earlier estimate kept in the footprints' history. Anything refused
 * changes nothing.
 */
@Injectable()
export class DeliveryDateChangeService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly access: OrderAccess,
    private readonly options: DeliveryOptionService,
  ) {}

  async changeDeliveryDate(
    user: AuthUser,
    supplierOrderId: string,
    deliveryDate: string,
    now: Date = new Date(),
  ): Promise<SupplierOrder> {
    const em = this.unitOfWork.em;
    const found = isUuid(supplierOrderId) ? await em.findOne(SupplierOrder, supplierOrderId) : null;
    if (!found) throw AppError.notFound('Supplier order');
    const actor = await this.actorOf(user, found);
    // Another buyer's part, or another producer's: the same answer as no part at all.
    if (!actor) throw AppError.notFound('Supplier order');

    // Read before the transaction (SQLite has one connection: a read beside an open transaction would wait for it).
    const [option] = await this.options.findByIds([found.delivery.deliveryOptionId]);
    await em.transactional(async (tx) => {
      const part = await tx.findOneOrFail(SupplierOrder, found.id, { refresh: true });
      const from = part.deliveryDate ?? null;
      if (!from)
        throw AppError.badInput('deliveryDate', 'This delivery has no delivery day: there is no date to change.');
      if (!MOVABLE[actor].includes(part.status)) throw notMovable(part.status, actor);
      if (deliveryDate === from) return;
      if (!option?.active)
        throw AppError.badInput(
          'deliveryDate',
          'This delivery option is no longer offered: its days cannot be changed.',
        );
      // The buyer leaves a day only while it is still open: past its cut-off the producer is preparing it.
      if (actor === 'BUYER' && this.options.refusalOf(option, from, now) === 'PAST_CUTOFF') {
        throw new AppError(
          ErrorCode.INVALID_STATE_TRANSITION,
          `Orders for ${from} are closed: the producer is preparing this delivery. Ask them to change its day.`,
          { reason: 'PAST_CUTOFF', status: part.status },
        );
      }
      // The day joined is checked under the option's lock, its closed days read again: a closure of that day waits
      // for this move to commit and then counts it, or this move waits for the closure and reads the day CLOSED.
      // Locks in one order: the option, then the planned rounds.
      const [locked] = await this.options.lockedForDays(tx, [option.id], 'SHARE');
      const refusal = this.options.refusalOf(locked, deliveryDate, now);
      if (refusal) {
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          refusal === 'NOT_OPEN'
            ? `This option does not deliver on ${deliveryDate}; choose one of its next delivery dates.`
            : refusal === 'CLOSED'
              ? `The producer is closed on ${deliveryDate}; choose one of its next delivery dates.`
              : `Orders for ${deliveryDate} are closed; choose a later delivery date.`,
          { field: 'deliveryDate', reason: refusal },
        );
      }
      const before = plannedRoundKeyOf(part);
      const after = before ? { ...before, deliveryDate } : null;
      // Both rounds locked in one order, whatever the direction of the move: two moves crossing cannot deadlock.
      await lockPlannedRounds(tx, [before, after]);
      const moved = await tx.nativeUpdate(
        SupplierOrder,
        { id: part.id, status: part.status, deliveryDate: from },
        { deliveryDate },
      );
      if (moved === 0) {
        // Someone moved or changed it a moment earlier: say where it is now.
        const current = await tx.findOneOrFail(SupplierOrder, part.id, { refresh: true });
        if (!MOVABLE[actor].includes(current.status)) throw notMovable(current.status, actor);
        throw new AppError(ErrorCode.CONFLICT, 'This delivery was changed meanwhile; read it again.', {
          deliveryDate: current.deliveryDate ?? null,
        });
      }
      // §7.3: the round it leaves and the round it joins are each re-allocated among their orders.
      if (before) await reallocatePlannedRound(tx, before);
      if (after) await reallocatePlannedRound(tx, after);
    });
    return this.unitOfWork.em.findOneOrFail(SupplierOrder, found.id, { populate: ['lines', 'order'] });
  }

  /** PRODUCER for a member of the part's producer, BUYER for whoever reads its order, else null. */
  private async actorOf(user: AuthUser, part: SupplierOrder): Promise<SupplierOrderActor | null> {
    const producer = await this.policy
      .assertMember(user, part.producerId, { kinds: [OrganizationKind.PRODUCER] })
      .then(() => true)
      .catch(() => false);
    if (producer) return 'PRODUCER';
    const orderId = typeof part.order === 'object' ? part.order.id : (part.order as string);
    return (await this.access.readableOrder(user, orderId)) ? 'BUYER' : null;
  }
}

function notMovable(status: SupplierOrderStatus, actor: SupplierOrderActor): AppError {
  const message =
    actor === 'BUYER'
      ? `The buyer changes the delivery day only before the producer confirms; this order is ${status}.`
      : `The delivery day changes only before the order is prepared; this order is ${status}.`;
  return new AppError(ErrorCode.INVALID_STATE_TRANSITION, message, { status, reason: 'DATE_FIXED' });
}
