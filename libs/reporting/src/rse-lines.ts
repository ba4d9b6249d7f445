import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { allocationMethod, distanceParametersApplied, greatCircleKm, vehicleProvenance } from '@app/carbon';
import { type Organization, OrganizationService } from '@app/identity';
import { type PurchaseLine, purchaseLines } from '@app/ordering';
import { parisDay } from '@app/platform';
import type { ReportPeriod } from './period';
import type { RseLine } from './rse-line';

const DISTANCE_TYPES: Record<string, RseLine['distanceType']> = {
  GCD_ESTIMATED: 'gcd_estimated',
  ROUTED: 'sfd',
  ODOMETER: 'actual',
};

/**
 * The RSE lines of a buyer organization for a period: its order lines delivered in the period, each with its share
 * of its supplier order's stored footprint (never recomputed: a report shows what the orders carry).
 */
@Injectable()
export class RseLineSource {
  constructor(private readonly organizations: OrganizationService) {}

  async *linesOf(
    em: EntityManager,
    buyer: Organization,
    period: ReportPeriod,
    localRadiusKm: number,
  ): AsyncGenerator<RseLine[]> {
    const producers = new Map<string, Organization>();
    for await (const batch of purchaseLines(em, {
      buyerOrganizationId: buyer.id,
      from: period.from,
      to: period.to,
      basis: 'delivered',
    })) {
      const unknown = [...new Set(batch.map((line) => line.producerId))].filter((id) => !producers.has(id));
      if (unknown.length)
        for (const producer of await this.organizations.findByIds(unknown)) producers.set(producer.id, producer);
      const dayOf = parisDaysByHour();
      // A supplier order's lines share its footprint (one object): what is worked out from it is worked out once.
      let shared: SharedFacts | undefined;
      yield batch.map((line) => {
        if (
          shared?.footprint !== line.footprint ||
          shared.producerLocation !== line.producerLocation ||
          shared.deliveryLocation !== line.deliveryLocation
        )
          shared = sharedFactsOf(line, localRadiusKm);
        return rseLineOf(line, buyer, producers.get(line.producerId), period, localRadiusKm, dayOf, shared);
      });
    }
  }
}

/**
 * `parisDay`, remembered by UTC hour: Europe/Paris is UTC+1 or UTC+2 (whole hours since 1911), so every instant of
 * one UTC hour falls on the same Paris day, and a batch's days are formatted once per hour rather than once per order
 * (each order has its own instant).
 */
export function parisDaysByHour(): (at: Date) => string {
  const days = new Map<number, string>();
  return (at) => {
    const hour = Math.floor(at.getTime() / 3_600_000);
    let day = days.get(hour);
    if (day === undefined) days.set(hour, (day = parisDay(at)));
    return day;
  };
}

/** What a line's columns take from its supplier order's footprint and places, the same for all its lines. */
interface SharedFacts {
  footprint: PurchaseLine['footprint'];
  producerLocation: PurchaseLine['producerLocation'];
  deliveryLocation: PurchaseLine['deliveryLocation'];
  vehicle: ReturnType<typeof vehicleProvenance>;
  parameters: ReturnType<typeof distanceParametersApplied>;
  allocationMethod: string;
  local: boolean;
}

function sharedFactsOf(line: PurchaseLine, localRadiusKm: number): SharedFacts {
  const { footprint } = line;
  return {
    footprint,
    producerLocation: line.producerLocation,
    deliveryLocation: line.deliveryLocation,
    vehicle: vehicleProvenance(footprint),
    parameters: distanceParametersApplied(footprint),
    allocationMethod: allocationMethod(footprint),
    local: greatCircleKm(line.producerLocation, line.deliveryLocation) <= localRadiusKm,
  };
}

export function rseLineOf(
  line: PurchaseLine,
  buyer: Organization,
  producer: Organization | undefined,
  period: ReportPeriod,
  localRadiusKm: number,
  dayOf = parisDay,
  shared: SharedFacts = sharedFactsOf(line, localRadiusKm),
): RseLine {
  const { footprint, lineFootprint } = line;
  const { vehicle, parameters } = shared;
  const share = (part: number | null) => (part === null ? null : lineFootprint.emissionsKgCo2e * part);
  return {
    buyerName: buyer.name,
    buyerSiret: buyer.siret ?? null,
    siteInseeCode: line.deliveryInseeCode,
    periodFrom: period.fromDay,
    periodTo: period.toDay,
    orderNumber: line.orderNumber,
    orderedOn: dayOf(line.orderedAt),
    deliveredOn: dayOf(line.deliveredAt ?? line.orderedAt),
    producerName: producer?.name ?? line.producerId,
    producerSiret: producer?.siret ?? null,
    producerInseeCode: producer?.address.inseeCode ?? null,
    productName: line.productName,
    productCategory: line.category,
    ciqualCode: line.ciqualCode,
    quantity: line.quantityThousandths / 1000,
    unit: line.unit,
    massKg: line.massKg,
    spendCents: line.spendCents,
    labelled: line.brandIds.length > 0,
    local: shared.local,
    deliveryMode: line.deliveryMode,
    vehicleId: footprint.vehicleId,
    vehicleAssumed: footprint.vehicleAssumed,
    vehicleEnergy: vehicle.energy,
    temperatureControlled: vehicle.temperatureControlled,
    ghgScope: footprint.scope === 'SCOPE1_BUYER' ? 'scope1_buyer' : 'scope3_cat4',
    gcdKm: footprint.gcdKm,
    distanceKm: footprint.distanceKm,
    distanceType: DISTANCE_TYPES[footprint.distanceType] ?? 'gcd_estimated',
    circuityFactor: parameters.circuity,
    dafFactor: parameters.daf,
    emptyReturnFactor: parameters.emptyReturn,
    roundId: line.roundId,
    allocationMethod: shared.allocationMethod,
    allocationShare: footprint.allocationShare * lineFootprint.massShare,
    tkm: lineFootprint.tkm,
    emissionsKgCo2e: lineFootprint.emissionsKgCo2e,
    emissionsTtwKgCo2e: share(vehicle.ttwShare),
    emissionsWttKgCo2e: share(vehicle.wttShare),
    factorId: footprint.vehicleFactor.id,
    factorValue: footprint.vehicleFactor.value,
    factorUnit: footprint.vehicleFactor.unit,
    factorSource: vehicle.source,
    factorYear: vehicle.year,
    methodVersion: footprint.methodVersion,
    dataTier: footprint.dataTier === 'MODELLED' ? 'modelled' : 'default',
    // Footprints stored before §7.3 carry no tier: a measured distance then, or the default trip.
    dataSource: footprint.dataSource ?? (footprint.distanceType === 'ODOMETER' ? 'PRIMARY_DISTANCE' : 'DEFAULT'),
    dataQuality: footprint.dataQuality ?? 'OK',
    baselineScenarioId: lineFootprint.baselineScenarioId ?? '',
    baselineKgCo2e: lineFootprint.baselineKgCo2e,
    differenceKgCo2e: lineFootprint.savedKgCo2e,
  };
}
