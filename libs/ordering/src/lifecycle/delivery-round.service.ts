import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { deliveredRoundFootprints, fuelFactorOf } from '@app/carbon';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { AppError, isUuid, parisDay, UnitOfWork } from '@app/platform';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderFootprint } from '../entities/supplier-order-footprint.entity';
import { ROUND_REPORTED } from './planned-round';
import { MAX_FUEL_LITRES, MAX_ODOMETER_KM, carbonInputOf, replacedFootprint } from './supplier-order-carbon';
import { SupplierOrderStatus } from './supplier-order-state';

/**
 * `reportDeliveryRound`: a producer delivered several supplier orders in one trip and reports the round's fuel
 * litres (Tier A), its odometer distance, or both (CARBON-METHOD §7.3). The round's emissions are shared by mass ×
 * great-circle distance (ISO 14083) and each footprint of the round is recomputed, the estimate it replaces kept
 * in its history; a later report of the same round replaces the earlier one. A reading outside the plausible range
 * is kept on the orders but flagged, and their footprint is the modelled round's.
 */
@Injectable()
export class DeliveryRoundService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
  ) {}

  async reportDeliveryRound(
    user: AuthUser,
    producerId: string,
    supplierOrderIds: string[],
    odometerKm?: number | null,
    fuelLitres?: number | null,
  ): Promise<SupplierOrder[]> {
    await this.policy.assertMember(user, producerId, { kinds: [OrganizationKind.PRODUCER] });
    if (odometerKm != null && (!Number.isFinite(odometerKm) || odometerKm <= 0 || odometerKm > MAX_ODOMETER_KM)) {
      throw AppError.badInput(
        'odometerKm',
        `The round's distance, from departure to return, is more than 0 and at most ${MAX_ODOMETER_KM} km.`,
      );
    }
    if (fuelLitres != null && (!Number.isFinite(fuelLitres) || fuelLitres <= 0 || fuelLitres > MAX_FUEL_LITRES)) {
      throw AppError.badInput(
        'fuelLitres',
        `The fuel the round burnt is more than 0 and at most ${MAX_FUEL_LITRES} litres.`,
      );
    }
    const ids = [...new Set(supplierOrderIds)];
    return this.unitOfWork.transactional(async (em) => {
      const parts = ids.every(isUuid)
        ? await em.find(SupplierOrder, { id: ids, producerId }, { populate: ['lines', 'order'] })
        : [];
      if (parts.length !== ids.length) throw AppError.notFound('Supplier order');
      if (odometerKm == null && fuelLitres == null)
        throw AppError.badInput('odometerKm', "Report the round's odometer distance, its fuel litres, or both.");
      if (ids.length < 2 || ids.length !== supplierOrderIds.length)
        throw AppError.badInput('supplierOrderIds', 'A round names at least two different supplier orders.');
      checkRound(parts);
      if (fuelLitres != null && !fuelFactorOf(parts[0].delivery.vehicleId!))
        throw AppError.badInput('fuelLitres', 'This vehicle burns no fuel: report its odometer distance.');
      const roundId = randomUUID();
      const { footprints, flagged, roundVkm } = deliveredRoundFootprints(
        parts.map((part) => carbonInputOf(part)),
        { odometerKm, fuelLitres },
      );
      const now = new Date();
      for (const [index, part] of parts.entries()) {
        em.create(SupplierOrderFootprint, {
          supplierOrderId: part.id,
          carbon: part.carbon,
          emissionsKgCo2e: part.emissionsKgCo2e,
          reason: ROUND_REPORTED,
          replacedAt: now,
        });
        em.assign(part, {
          ...replacedFootprint(part, footprints[index]),
          roundId,
          odometerKm: null,
          roundReport: { odometerKm: odometerKm ?? null, fuelLitres: fuelLitres ?? null, roundVkm, flagged },
        });
      }
      await em.flush();
      return parts;
    });
  }
}

/** Delivered, by the producer's own vehicle, all with the same one, on the same day (Paris time). */
function checkRound(parts: SupplierOrder[]): void {
  for (const part of parts) {
    if (part.status !== SupplierOrderStatus.DELIVERED || !part.deliveredAt)
      throw AppError.badInput('supplierOrderIds', 'A round is reported once its orders are delivered.');
    if (part.delivery.mode !== 'PRODUCER_DELIVERY')
      throw AppError.badInput('supplierOrderIds', 'Only deliveries in your own vehicle make a round.');
  }
  if (new Set(parts.map((part) => part.delivery.vehicleId)).size > 1)
    throw AppError.badInput('supplierOrderIds', 'The orders of a round were delivered with the same vehicle.');
  if (new Set(parts.map((part) => parisDay(part.deliveredAt!))).size > 1)
    throw AppError.badInput('supplierOrderIds', 'The orders of a round were delivered the same day.');
}
