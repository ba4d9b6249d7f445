import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { allocationMethod, distanceParametersApplied, greatCircleKm, vehicleProvenance } from '@app/carbon';
import { type Organization, OrganizationService } from '@app/identity';
import { type PurchaseLine, purchaseLineBatches } from '@app/ordering';
import { parisDay } from '@app/platform';
import type { ReportPeriod } from './period';
import type { RseLine, RseLineBatch } from './rse-line';

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

  /**
   * The lines a batch at a time; each batch's lines are one `RseLine` refilled for each (see `RseLineBatch`).
   * `onPart` hears of each supplier order before its lines (the summary takes its credit notes off them).
   */
  async *linesOf(
    em: EntityManager,
    buyer: Organization,
    period: ReportPeriod,
    localRadiusKm: number,
    onPart?: (supplierOrderId: string) => void,
  ): AsyncGenerator<RseLineBatch> {
    const producers = new Map<string, Organization>();
    const line = {} as RseLine;
    for await (const batch of purchaseLineBatches(em, {
      buyerOrganizationId: buyer.id,
      from: period.from,
      to: period.to,
      basis: 'delivered',
    })) {
      const unknown = batch.producerIds.filter((id) => !producers.has(id));
      if (unknown.length)
        for (const producer of await this.organizations.findByIds(unknown)) producers.set(producer.id, producer);
      yield {
        length: batch.length,
        forEach(visit) {
          const dayOf = parisDaysByHour();
          // A supplier order's lines share its footprint (one object): what is worked out from it is worked out once.
          let shared: SharedFacts | undefined;
          let part: string | undefined;
          batch.forEach((purchase) => {
            if (onPart && purchase.supplierOrderId !== part) onPart((part = purchase.supplierOrderId));
            if (
              shared?.footprint !== purchase.footprint ||
              shared.producerLocation !== purchase.producerLocation ||
              shared.deliveryLocation !== purchase.deliveryLocation
            )
              shared = sharedFactsOf(purchase, localRadiusKm);
            fillRseLine(line, purchase, buyer, producers.get(purchase.producerId), period, dayOf, shared);
            visit(line);
          });
        },
      };
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

/** The ratio of a part of the footprint to the whole, applied to a line's emissions (null: the factor gives no parts). */
const partOf = (emissionsKgCo2e: number, part: number | null): number | null =>
  part === null ? null : emissionsKgCo2e * part;

/**
 * The one place each column's value is worked out: `line`'s every field set from a purchase line (the same object
 * refilled for each line of an export: no object made per line).
 */
function fillRseLine(
  line: RseLine,
  purchase: PurchaseLine,
  buyer: Organization,
  producer: Organization | undefined,
  period: ReportPeriod,
  dayOf: (at: Date) => string,
  shared: SharedFacts,
): void {
  const { footprint, lineFootprint } = purchase;
  const { vehicle, parameters } = shared;
  line.buyerName = buyer.name;
  line.buyerSiret = buyer.siret ?? null;
  line.siteInseeCode = purchase.deliveryInseeCode;
  line.periodFrom = period.fromDay;
  line.periodTo = period.toDay;
  line.orderNumber = purchase.orderNumber;
  line.orderedOn = dayOf(purchase.orderedAt);
  line.deliveredOn = dayOf(purchase.deliveredAt ?? purchase.orderedAt);
  line.producerName = producer?.name ?? purchase.producerId;
  line.producerSiret = producer?.siret ?? null;
  line.producerInseeCode = producer?.address.inseeCode ?? null;
  line.productName = purchase.productName;
  line.productCategory = purchase.category;
  line.ciqualCode = purchase.ciqualCode;
  line.quantity = purchase.quantityThousandths / 1000;
  line.unit = purchase.unit;
  line.massKg = purchase.massKg;
  line.spendCents = purchase.spendCents;
  line.labelled = purchase.brandIds.length > 0;
  line.local = shared.local;
  line.deliveryMode = purchase.deliveryMode;
  line.vehicleId = footprint.vehicleId;
  line.vehicleAssumed = footprint.vehicleAssumed;
  line.vehicleEnergy = vehicle.energy;
  line.temperatureControlled = vehicle.temperatureControlled;
  line.ghgScope = footprint.scope === 'SCOPE1_BUYER' ? 'scope1_buyer' : 'scope3_cat4';
  line.gcdKm = footprint.gcdKm;
  line.distanceKm = footprint.distanceKm;
  line.distanceType = DISTANCE_TYPES[footprint.distanceType] ?? 'gcd_estimated';
  line.circuityFactor = parameters.circuity;
  line.dafFactor = parameters.daf;
  line.emptyReturnFactor = parameters.emptyReturn;
  line.roundId = purchase.roundId;
  line.allocationMethod = shared.allocationMethod;
  line.allocationShare = footprint.allocationShare * lineFootprint.massShare;
  line.tkm = lineFootprint.tkm;
  line.emissionsKgCo2e = lineFootprint.emissionsKgCo2e;
  line.emissionsTtwKgCo2e = partOf(lineFootprint.emissionsKgCo2e, vehicle.ttwShare);
  line.emissionsWttKgCo2e = partOf(lineFootprint.emissionsKgCo2e, vehicle.wttShare);
  line.factorId = footprint.vehicleFactor.id;
  line.factorValue = footprint.vehicleFactor.value;
  line.factorUnit = footprint.vehicleFactor.unit;
  line.factorSource = vehicle.source;
  line.factorYear = vehicle.year;
  line.methodVersion = footprint.methodVersion;
  line.dataTier = footprint.dataTier === 'MODELLED' ? 'modelled' : 'default';
  // Footprints stored before §7.3 carry no tier: a measured distance then, or the default trip.
  line.dataSource = footprint.dataSource ?? (footprint.distanceType === 'ODOMETER' ? 'PRIMARY_DISTANCE' : 'DEFAULT');
  line.dataQuality = footprint.dataQuality ?? 'OK';
  line.baselineScenarioId = lineFootprint.baselineScenarioId ?? '';
  line.baselineKgCo2e = lineFootprint.baselineKgCo2e;
  line.differenceKgCo2e = lineFootprint.savedKgCo2e;
}
