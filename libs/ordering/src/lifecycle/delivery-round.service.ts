import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { roundFootprints } from '@app/carbon';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { AppError, isUuid, parisDay } from '@app/platform';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { MAX_ODOMETER_KM, carbonInputOf, replacedFootprint } from './supplier-order-carbon';
import { SupplierOrderStatus } from './supplier-order-state';

/**
 * `reportDeliveryRound`: a producer delivered several supplier orders in one trip and reports the whole round's
 * odometer distance. The round's emissions are shared by mass × great-circle distance (ISO 14083) and each
 * footprint of the round is recomputed; a later report of the same round replaces the earlier one.
 */
@Injectable()
export class DeliveryRoundService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policy: AccessPolicy,
  ) {}

  async reportDeliveryRound(user: AuthUser, producerId: string, supplierOrderIds: string[], odometerKm: number): Promise<SupplierOrder[]> {
    await this.policy.assertMember(user, producerId, { kinds: [OrganizationKind.PRODUCER] });
    if (!Number.isFinite(odometerKm) || odometerKm <= 0 || odometerKm > MAX_ODOMETER_KM) {
      throw AppError.badInput('odometerKm', `The round's distance, from departure to return, is more than 0 and at most ${MAX_ODOMETER_KM} km.`);
    }
    const ids = [...new Set(supplierOrderIds)];
    return (this.orm.em.fork() as EntityManager).transactional(async (em) => {
      const parts = ids.every(isUuid) ? await em.find(SupplierOrder, { id: ids, producerId }, { populate: ['lines', 'order'] }) : [];
      if (parts.length !== ids.length) throw AppError.notFound('Supplier order');
      if (ids.length < 2 || ids.length !== supplierOrderIds.length) throw AppError.badInput('supplierOrderIds', 'A round names at least two different supplier orders.');
      checkRound(parts);
      const roundId = randomUUID();
      const footprints = roundFootprints(parts.map((part) => carbonInputOf(part)), odometerKm);
      for (const [index, part] of parts.entries()) {
        em.assign(part, { ...replacedFootprint(part, footprints[index]), roundId, odometerKm: null });
      }
      await em.flush();
      return parts;
    });
  }
}

/** Delivered, by the producer's own vehicle, all with the same one, on the same day (Paris time). */
function checkRound(parts: SupplierOrder[]): void {
  for (const part of parts) {
    if (part.status !== SupplierOrderStatus.DELIVERED || !part.deliveredAt) throw AppError.badInput('supplierOrderIds', 'A round is reported once its orders are delivered.');
    if (part.delivery.mode !== 'PRODUCER_DELIVERY') throw AppError.badInput('supplierOrderIds', 'Only deliveries in your own vehicle make a round.');
  }
  if (new Set(parts.map((part) => part.delivery.vehicleId)).size > 1) throw AppError.badInput('supplierOrderIds', 'The orders of a round were delivered with the same vehicle.');
  if (new Set(parts.map((part) => parisDay(part.deliveredAt!))).size > 1) throw AppError.badInput('supplierOrderIds', 'The orders of a round were delivered the same day.');
}
