/**
 * An Order's footprint is the sum of its supplier orders' footprints, and figures are shown rounded. Both are
 * presentation-side: footprints keep full precision, and sums are taken over unrounded values.
 */
import { CarbonInputError } from './carbon-input-error';
import { type DistanceType, proximityBand } from './distance';
import type { CarbonFootprint, CarbonScope } from './footprint';

export interface CarbonFootprintTotal {
  /** The supplier orders' method versions, distinct, comma-separated (one, unless recomputed across a change). */
  readonly methodVersion: string;
  /** Mass-weighted mean of the supplier orders' driven distances. */
  readonly distanceKm: number;
  /** The least precise distance type among the supplier orders. */
  readonly distanceType: DistanceType;
  /** The vehicle when all supplier orders share it, else null. */
  readonly vehicleId: string | null;
  readonly massKg: number;
  readonly tkm: number;
  /** All emissions, whoever drove: scope3Cat4KgCo2e + scope1BuyerKgCo2e. */
  readonly emissionsKgCo2e: number;
  /** What belongs in the buyer's Scope 3 category 4 inventory. */
  readonly scope3Cat4KgCo2e: number;
  /** The buyer's own pickup trips, for information: already in the buyer's fuel purchases (Scope 1). */
  readonly scope1BuyerKgCo2e: number;
  readonly baselineKgCo2e: number;
  /** baseline − emissions, signed. */
  readonly savedKgCo2e: number;
  /** The band of the farthest producer. */
  readonly proximityBand: string;
  readonly shortCircuit: boolean;
  /** The scope when all supplier orders share it, else null. */
  readonly scope: CarbonScope | null;
}

const DISTANCE_TYPE_PRECISION: Readonly<Record<DistanceType, number>> = { GCD_ESTIMATED: 0, ROUTED: 1, ODOMETER: 2 };

export function sumFootprints(footprints: readonly CarbonFootprint[]): CarbonFootprintTotal {
  if (footprints == null || footprints.length === 0) {
    throw new CarbonInputError('footprints', 'an order has at least one supplier order footprint');
  }
  const methodVersions = new Set<string>();
  let massKg = 0;
  let massDistance = 0;
  let tkm = 0;
  let scope3Cat4KgCo2e = 0;
  let scope1BuyerKgCo2e = 0;
  let baselineKgCo2e = 0;
  let farthestGcdKm = 0;
  let shortCircuit = true;
  let distanceType: DistanceType = footprints[0].distanceType;
  let vehicleId: string | null = footprints[0].vehicleId;
  let scope: CarbonScope | null = footprints[0].scope;
  for (const footprint of footprints) {
    methodVersions.add(footprint.methodVersion);
    massKg += footprint.massKg;
    massDistance += footprint.massKg * footprint.distanceKm;
    tkm += footprint.tkm;
    if (footprint.scope === 'SCOPE1_BUYER') scope1BuyerKgCo2e += footprint.emissionsKgCo2e;
    else scope3Cat4KgCo2e += footprint.emissionsKgCo2e;
    baselineKgCo2e += footprint.baselineKgCo2e;
    farthestGcdKm = Math.max(farthestGcdKm, footprint.gcdKm);
    shortCircuit &&= footprint.shortCircuit;
    if (DISTANCE_TYPE_PRECISION[footprint.distanceType] < DISTANCE_TYPE_PRECISION[distanceType]) {
      distanceType = footprint.distanceType;
    }
    if (footprint.vehicleId !== vehicleId) vehicleId = null;
    if (footprint.scope !== scope) scope = null;
  }
  const emissionsKgCo2e = scope3Cat4KgCo2e + scope1BuyerKgCo2e;
  return {
    methodVersion: [...methodVersions].join(','),
    distanceKm: massDistance / massKg,
    distanceType,
    vehicleId,
    massKg,
    tkm,
    emissionsKgCo2e,
    scope3Cat4KgCo2e,
    scope1BuyerKgCo2e,
    baselineKgCo2e,
    savedKgCo2e: baselineKgCo2e - emissionsKgCo2e,
    proximityBand: proximityBand(farthestGcdKm),
    shortCircuit,
    scope,
  };
}

/**
 * kgCO2e as displayed (method §7: 2 decimals), half away from zero so that a saving and the same loss round to
 * the same magnitude. Only for presentation: never feed a rounded value back into a computation or a sum.
 */
export function roundKgCo2e(kgCo2e: number): number {
  const rounded = (Math.sign(kgCo2e) * Math.round(Math.abs(kgCo2e) * 100)) / 100;
  return rounded === 0 ? 0 : rounded; // no "-0.00" on screen
}
