import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { greatCircleKm } from '@app/carbon';
import { type Organization, OrganizationService } from '@app/identity';
import { type PurchaseLine, purchaseLines } from '@app/ordering';
import { parisDay } from '@app/platform';
import type { ReportPeriod } from './period';
import type { RseLine } from './rse-line';

const DISTANCE_TYPES: Record<string, RseLine['distanceType']> = { GCD_ESTIMATED: 'gcd_estimated', ROUTED: 'sfd', ODOMETER: 'actual' };

/**
 * The RSE lines of a buyer organization for a period: its order lines delivered in the period, each with its share
 * of its supplier order's stored footprint (never recomputed: a report shows what the orders carry).
 */
@Injectable()
export class RseLineSource {
  constructor(private readonly organizations: OrganizationService) {}

  async *linesOf(em: EntityManager, buyer: Organization, period: ReportPeriod, localRadiusKm: number): AsyncGenerator<RseLine[]> {
    const producers = new Map<string, Organization>();
    for await (const batch of purchaseLines(em, { buyerOrganizationId: buyer.id, from: period.from, to: period.to, basis: 'delivered' })) {
      const unknown = [...new Set(batch.map((line) => line.producerId))].filter((id) => !producers.has(id));
      if (unknown.length) for (const producer of await this.organizations.findByIds(unknown, em)) producers.set(producer.id, producer);
      yield batch.map((line) => rseLineOf(line, buyer, producers.get(line.producerId), period, localRadiusKm));
    }
  }
}

export function rseLineOf(line: PurchaseLine, buyer: Organization, producer: Organization | undefined, period: ReportPeriod, localRadiusKm: number): RseLine {
  const { footprint, lineFootprint } = line;
  return {
    buyerName: buyer.name,
    buyerSiret: buyer.siret ?? null,
    siteInseeCode: line.deliveryInseeCode,
    periodFrom: period.fromDay,
    periodTo: period.toDay,
    orderNumber: line.orderNumber,
    deliveredOn: parisDay(line.deliveredAt ?? line.orderedAt),
    producerName: producer?.name ?? line.producerId,
    producerSiret: producer?.siret ?? null,
    producerInseeCode: producer?.address.inseeCode ?? null,
    productName: line.productName,
    productCategory: line.category,
    quantity: line.quantityThousandths / 1000,
    unit: line.unit,
    massKg: line.massKg,
    spendCents: line.spendCents,
    labelled: line.brandIds.length > 0,
    local: greatCircleKm(line.producerLocation, line.deliveryLocation) <= localRadiusKm,
    deliveryMode: line.deliveryMode,
    vehicleId: footprint.vehicleId,
    vehicleAssumed: footprint.vehicleAssumed,
    ghgScope: footprint.scope === 'SCOPE1_BUYER' ? 'scope1_buyer' : 'scope3_cat4',
    gcdKm: footprint.gcdKm,
    distanceKm: footprint.distanceKm,
    distanceType: DISTANCE_TYPES[footprint.distanceType] ?? 'gcd_estimated',
    roundId: line.roundId,
    allocationShare: footprint.allocationShare * lineFootprint.massShare,
    tkm: lineFootprint.tkm,
    emissionsKgCo2e: lineFootprint.emissionsKgCo2e,
    factorIds: [...footprint.factorIds, ...lineFootprint.baselineFactorIds].join(' '),
    methodVersion: footprint.methodVersion,
    dataTier: footprint.dataTier === 'MODELLED' ? 'modelled' : 'default',
    baselineScenarioId: lineFootprint.baselineFactorIds[0] ?? '',
    baselineKgCo2e: lineFootprint.baselineKgCo2e,
    differenceKgCo2e: lineFootprint.savedKgCo2e,
  };
}
