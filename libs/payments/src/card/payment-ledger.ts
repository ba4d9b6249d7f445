import type { EntityData, EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { Payment } from '../entities/payment.entity';
import { type PaymentEvent, nextPaymentStatus } from './payment-state';

/**
 * The payment row of an order, locked for the rest of the caller's transaction: every change of a payment (the
 * PaymentIntent, an event, a refund) goes through here, one at a time per order. A no-op UPDATE takes the row lock
 * on PostgreSQL; SQLite serialises transactions anyway.
 */
export async function lockedPayment(em: EntityManager, orderId: string): Promise<Payment | null> {
  const touched = await em.nativeUpdate(Payment, { orderId }, { updatedAt: new Date() });
  return touched ? em.findOne(Payment, { orderId }, { refresh: true }) : null;
}

/** Applies a payment event by the state table; returns whether the status changed. */
export function applyPaymentEvent(payment: Payment, event: PaymentEvent): boolean {
  const next = nextPaymentStatus(payment.status, event);
  if (!next || next === payment.status) return false;
  payment.status = next;
  return true;
}

/**
 * Inserts the row unless one with the same `key` exists (a concurrent caller's), with the entity's defaults applied
 * (a bare upsert would leave them out).
 */
export async function insertIfAbsent<Entity extends object>(
  em: EntityManager,
  entity: EntityName<Entity>,
  data: EntityData<Entity>,
  key: keyof Entity & string,
): Promise<void> {
  const row = em.create(entity, data as never, { persist: false }) as Entity;
  await em
    .createQueryBuilder(entity)
    .insert(row as never)
    .onConflict(key as never)
    .ignore()
    .execute();
}
