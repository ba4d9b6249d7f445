/**
 * What an accountant's export says about the factors behind a footprint (CARBON-METHOD.md §9, line level): the
 * vehicle's energy and temperature control, the factor's source and year, the distance parameters applied and the
 * TTW/WTT split where the factors file allows it. Read from the same versioned file as the method, so a line never
 * states a value the computation did not use: for a footprint computed with another version of the file, the
 * values that version held are not known here and come back as null (its `methodVersion` identifies them).
 */
import type { CarbonFootprint } from './footprint';
import { EMISSION_FACTORS, METHOD_VERSION, PARAMETER_IDS } from './factors';

export interface VehicleProvenance {
  /** As the factors file names it: diesel, electricity, petrol/diesel, none. */
  readonly energy: string | null;
  /** Refrigerated (groupe froid); null when the file does not say (cars, bikes). */
  readonly temperatureControlled: boolean | null;
  /** Where the vehicle's factor comes from, and its year (a stand-in vehicle's, when the file names one). */
  readonly source: string | null;
  readonly year: number | null;
  /** Shares of the WTW factor that are tank-to-wheel and well-to-tank; null when the fuel factor gives WTW only. */
  readonly ttwShare: number | null;
  readonly wttShare: number | null;
}

export interface DistanceParametersApplied {
  /** Great circle → road (GCD estimates only). */
  readonly circuity: number | null;
  /** Distance adjustment factor, road → driven (estimated and routed distances). */
  readonly daf: number | null;
  /** Empty return of a dedicated trip. */
  readonly emptyReturn: number | null;
}

const records = new Map(EMISSION_FACTORS.vehicles.map((vehicle) => [vehicle.id, vehicle]));

/** The split of the fuel factor the vehicles' values derive from: the file's default entry for that energy, no other. */
function wtwSplit(energy: string | null): { ttwShare: number | null; wttShare: number | null } {
  const fuel = energy
    ? EMISSION_FACTORS.fuel_emission_factors.find(
        (candidate) => candidate.default === true && candidate.fuel.split(/[^a-z]/)[0] === energy,
      )
    : undefined;
  if (!fuel || fuel.ttw == null || fuel.wtt == null || !(fuel.wtw > 0)) return { ttwShare: null, wttShare: null };
  return { ttwShare: fuel.ttw / fuel.wtw, wttShare: fuel.wtt / fuel.wtw };
}

function provenanceOf(vehicleId: string): VehicleProvenance | undefined {
  const vehicle = records.get(vehicleId);
  if (!vehicle) return undefined;
  const factorSource =
    vehicle.kgco2e_per_vkm_wtw === null && vehicle.fallback_vehicle_id
      ? records.get(vehicle.fallback_vehicle_id)
      : vehicle;
  const energy = vehicle.energy ?? null;
  return {
    energy,
    temperatureControlled: vehicle.refrigerated ?? null,
    source: factorSource?.source ?? null,
    year: factorSource?.year ?? null,
    ...wtwSplit(energy),
  };
}

const PROVENANCE: ReadonlyMap<string, VehicleProvenance> = new Map(
  EMISSION_FACTORS.vehicles.map((vehicle) => [vehicle.id, provenanceOf(vehicle.id)!]),
);

const UNKNOWN_VEHICLE: VehicleProvenance = {
  energy: null,
  temperatureControlled: null,
  source: null,
  year: null,
  ttwShare: null,
  wttShare: null,
};

/** The vehicle's energy, temperature control, factor source and year, and WTW split, as this version of the file has them. */
export function vehicleProvenance(footprint: Pick<CarbonFootprint, 'vehicleId' | 'methodVersion'>): VehicleProvenance {
  if (footprint.methodVersion !== METHOD_VERSION) return UNKNOWN_VEHICLE;
  return PROVENANCE.get(footprint.vehicleId) ?? UNKNOWN_VEHICLE;
}

/**
 * How the trip's emissions were shared out (CARBON-METHOD.md §9, "allocation share (method …)"): by mass among a
 * supplier order's lines, and among a round's orders by mass × great-circle distance when the footprint used the
 * file's allocation parameter (a round whose drops are all at the producer's address is shared by mass alone).
 */
export function allocationMethod(footprint: Pick<CarbonFootprint, 'factorIds'>): string {
  return footprint.factorIds.includes(PARAMETER_IDS.allocation) ? 'mass x great-circle distance (ISO 14083)' : 'mass';
}

/** The distance parameters the footprint applied (null: not applied, or computed with another version of the file). */
export function distanceParametersApplied(
  footprint: Pick<CarbonFootprint, 'factorIds' | 'methodVersion'>,
): DistanceParametersApplied {
  const current = footprint.methodVersion === METHOD_VERSION;
  const applied = (id: string, value: number) => (current && footprint.factorIds.includes(id) ? value : null);
  const { parameters } = EMISSION_FACTORS;
  return {
    circuity: applied(PARAMETER_IDS.circuity, parameters.circuity_gcd_to_road.value),
    daf: applied(PARAMETER_IDS.daf, parameters.daf_road.value),
    emptyReturn: applied(PARAMETER_IDS.emptyReturn, parameters.empty_return_factor_dedicated_trip.value),
  };
}
