import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import { type CarbonFootprint, plannedEstimates } from '@app/carbon';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderFootprint } from '../entities/supplier-order-footprint.entity';
import { carbonInputOf, replacedFootprint } from './supplier-order-carbon';
import { SupplierOrderStatus } from './supplier-order-state';

/** A planned round (CARBON-METHOD §7.3): one producer's orders not cancelled for one PRODUCER_DELIVERY option and date. */
export interface PlannedRoundKey {
  producerId: string;
  deliveryOptionId: string;
  deliveryDate: string;
}

export const ROUND_CHANGED = 'ROUND_CHANGED';
export const ROUND_REPORTED = 'ROUND_REPORTED';

/** The planned round a supplier order belongs to, or null (no date, or not the producer's own delivery). */
export function plannedRoundKeyOf(
  part: Pick<SupplierOrder, 'producerId' | 'delivery' | 'deliveryDate'>,
): PlannedRoundKey | null {
  if (part.delivery.mode !== 'PRODUCER_DELIVERY' || !part.deliveryDate || !part.delivery.vehicleId) return null;
  return {
    producerId: part.producerId,
    deliveryOptionId: part.delivery.deliveryOptionId,
    deliveryDate: part.deliveryDate,
  };
}

/** Reported at delivery (a round report or a single odometer): the planned estimate no longer applies to it. */
const reported = (part: SupplierOrder) => part.roundId != null || part.odometerKm != null;

/** The orders of a planned round, oldest first. */
export async function plannedRoundParts(em: EntityManager, key: PlannedRoundKey): Promise<SupplierOrder[]> {
  const parts = await em.find(
    SupplierOrder,
    { producerId: key.producerId, deliveryDate: key.deliveryDate, status: { $ne: SupplierOrderStatus.CANCELLED } },
    { populate: ['lines'], refresh: true, orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  return parts.filter(
    (part) =>
      part.delivery.mode === 'PRODUCER_DELIVERY' &&
      part.delivery.deliveryOptionId === key.deliveryOptionId &&
      part.delivery.vehicleId,
  );
}

/**
 * §7.3 "recomputed whenever an order joins or leaves the round": every order of the round not yet reported gets the
 * round's current planned estimate, and the estimate it had goes to its history. Call it inside the transaction
 * that changed the round; on PostgreSQL a transaction-scoped advisory lock per round makes concurrent changes of
 * one round recompute one after the other (each sees the other's order).
 */
export async function reallocatePlannedRound(em: EntityManager, key: PlannedRoundKey): Promise<void> {
  await lockPlannedRounds(em, [key]);
  const parts = await plannedRoundParts(em, key);
  if (parts.length === 0) return;
  // The round travels in the option's vehicle as the latest order saw it.
  const vehicleId = parts[parts.length - 1].delivery.vehicleId;
  const inputs = parts.map((part) => {
    const input = carbonInputOf(part);
    return { ...input, deliveryOption: { ...input.deliveryOption, vehicleId } };
  });
  const estimates = plannedEstimates(inputs);
  const now = new Date();
  for (const [index, part] of parts.entries()) {
    if (reported(part) || sameEstimate(part.carbon, estimates[index])) continue;
    em.create(SupplierOrderFootprint, {
      supplierOrderId: part.id,
      carbon: part.carbon,
      emissionsKgCo2e: part.emissionsKgCo2e,
      reason: ROUND_CHANGED,
      replacedAt: now,
    });
    em.assign(part, replacedFootprint(part, estimates[index]));
  }
  await em.flush();
}

/**
 * Takes the transaction-scoped lock of each round (PostgreSQL; SQLite writes one at a time anyway), in one order
 * whatever order they are given in, so that two changes touching the same two rounds cannot deadlock. A lock held
 * already is taken again at no cost.
 */
export async function lockPlannedRounds(em: EntityManager, keys: readonly (PlannedRoundKey | null)[]): Promise<void> {
  if (!(em.getPlatform() instanceof PostgreSqlPlatform)) return;
  const names = keys
    .filter((key): key is PlannedRoundKey => key !== null)
    .map((key) => `planned-round:${key.producerId}:${key.deliveryOptionId}:${key.deliveryDate}`)
    .sort();
  for (const name of new Set(names)) await em.execute('select pg_advisory_xact_lock(hashtext(?))', [name]);
}

function sameEstimate(a: CarbonFootprint, b: CarbonFootprint): boolean {
  return (
    a.emissionsKgCo2e === b.emissionsKgCo2e &&
    a.deliveryPath === b.deliveryPath &&
    a.allocationShare === b.allocationShare &&
    a.methodVersion === b.methodVersion &&
    (a.round?.vkm ?? null) === (b.round?.vkm ?? null)
  );
}
