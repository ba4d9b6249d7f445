/**
 * The emission factors, read once from the versioned data file shipped with the library and turned into lookup
 * tables, so that computing a footprint is only arithmetic and map lookups. Every number the method uses comes
 * from `data/emission-factors.json` (a copy of the research team's file, kept unchanged).
 */
import { createHash } from 'node:crypto';
import factorsJson from './data/emission-factors.json';

/** The part of the data file the method reads; assigning the JSON to it checks the file's shape at compile time. */
export interface EmissionFactorsFile {
  readonly schema_version: string;
  readonly vehicles: readonly {
    readonly id: string;
    readonly label_fr: string;
    readonly class: string;
    readonly kgco2e_per_vkm_wtw: number | null;
    readonly kgco2e_per_tkm_wtw?: number | null;
    readonly fallback_vehicle_id?: string;
    readonly energy?: string | null;
    readonly refrigerated?: boolean | null;
    readonly source?: string | null;
    readonly year?: number | null;
  }[];
  /** Fuel factors per litre; `ttw`/`wtt` null where the source gives the well-to-wheel total only. */
  readonly fuel_emission_factors: readonly {
    readonly id: string;
    readonly fuel: string;
    readonly default?: boolean;
    readonly wtw: number;
    readonly ttw: number | null;
    readonly wtt: number | null;
  }[];
  readonly parameters: {
    readonly circuity_gcd_to_road: { readonly value: number };
    readonly daf_road: { readonly value: number };
    readonly empty_return_factor_dedicated_trip: { readonly value: number };
  };
  readonly baseline: {
    readonly categories: readonly {
      readonly id: string;
      readonly legs: readonly { readonly km: number; readonly vehicle_id: string }[];
      readonly baseline_kgco2e_per_t: number;
    }[];
  };
  readonly proximity: {
    readonly proximity_bands_km_gcd: readonly { readonly max_km: number | null; readonly label: string }[];
  };
}

export const EMISSION_FACTORS: EmissionFactorsFile = factorsJson;

/**
 * The method version stored with every footprint: the method document's version, the factors file's declared
 * schema version and a hash of its content, so that editing a single factor yields a new version even when
 * nobody bumps the declared one. The hash is taken over the parsed content, so reformatting the file does not
 * change it.
 */
const METHOD_DOCUMENT_VERSION = '1.0';

export function deriveMethodVersion(factors: { readonly schema_version: string }): string {
  const contentHash = createHash('sha256').update(JSON.stringify(factors)).digest('hex').slice(0, 8);
  return `${METHOD_DOCUMENT_VERSION}/${factors.schema_version}+${contentHash}`;
}

export const METHOD_VERSION = deriveMethodVersion(factorsJson);

/** Product categories as the product names them; each is a baseline category of the data file, lower-cased. */
export const PRODUCT_CATEGORIES = [
  'FRESH_VEGETABLES',
  'FRESH_FRUITS',
  'MEAT_CHARCUTERIE',
  'DAIRY_CHEESE',
  'EGGS',
  'BAKERY',
  'BEVERAGES',
  'DRY_GROCERIES',
  'CRAFTS_NON_FOOD',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/** One factor as used in a computation, with the path of its value in the data file for audits. */
export interface FactorUsed {
  readonly id: string;
  readonly value: number;
  readonly unit: 'kgCO2e/vkm' | 'kgCO2e/t.km';
}

export interface VehicleFactors {
  readonly vehicleId: string;
  readonly perVehicleKm: FactorUsed;
  /** Null for cars and bikes: a car carrying goods has no meaningful default payload. */
  readonly perTonneKm: FactorUsed | null;
}

export interface CategoryBaseline {
  readonly category: ProductCategory;
  readonly kgCo2ePerTonne: number;
  /** The baseline category and the t·km factor of each of its legs. */
  readonly factorIds: readonly string[];
}

export const PARAMETER_IDS = {
  circuity: 'parameters.circuity_gcd_to_road',
  daf: 'parameters.daf_road',
  emptyReturn: 'parameters.empty_return_factor_dedicated_trip',
  allocation: 'parameters.allocation',
} as const;

export const CIRCUITY_GCD_TO_ROAD = EMISSION_FACTORS.parameters.circuity_gcd_to_road.value;
export const DAF_ROAD = EMISSION_FACTORS.parameters.daf_road.value;
export const EMPTY_RETURN_FACTOR = EMISSION_FACTORS.parameters.empty_return_factor_dedicated_trip.value;

type VehicleRecord = EmissionFactorsFile['vehicles'][number];

function vehicleFactors(vehicle: VehicleRecord, recordsById: ReadonlyMap<string, VehicleRecord>): VehicleFactors {
  // A band with no sourced value (20–26 t rigid) names the vehicle whose factors stand in for it; the footprint
  // then records the stand-in's factor id, so the substitution stays visible.
  const source =
    vehicle.kgco2e_per_vkm_wtw === null && vehicle.fallback_vehicle_id !== undefined
      ? recordsById.get(vehicle.fallback_vehicle_id)
      : vehicle;
  if (source === undefined || source.kgco2e_per_vkm_wtw === null) {
    throw new Error(`emission-factors.json: vehicle ${vehicle.id} has no kgCO2e/vkm factor and no usable fallback`);
  }
  const perTonneKm = source.kgco2e_per_tkm_wtw ?? null;
  return {
    vehicleId: vehicle.id,
    perVehicleKm: {
      id: `vehicles.${source.id}.kgco2e_per_vkm_wtw`,
      value: source.kgco2e_per_vkm_wtw,
      unit: 'kgCO2e/vkm',
    },
    perTonneKm:
      perTonneKm === null
        ? null
        : { id: `vehicles.${source.id}.kgco2e_per_tkm_wtw`, value: perTonneKm, unit: 'kgCO2e/t.km' },
  };
}

function buildVehicleTable(): ReadonlyMap<string, VehicleFactors> {
  const recordsById = new Map(EMISSION_FACTORS.vehicles.map((vehicle) => [vehicle.id, vehicle]));
  return new Map(EMISSION_FACTORS.vehicles.map((vehicle) => [vehicle.id, vehicleFactors(vehicle, recordsById)]));
}

export const VEHICLES: ReadonlyMap<string, VehicleFactors> = buildVehicleTable();
export const VEHICLE_IDS: readonly string[] = [...VEHICLES.keys()];

/** A vehicle as a person chooses it: its French label, class and energy, as the data file states them. */
export interface VehicleChoice {
  readonly id: string;
  /** The French label, `label_fr` of the data file. */
  readonly label: string;
  /** van, rigid, articulated, car, bike. */
  readonly vehicleClass: string;
  /** diesel, electricity, petrol/diesel, none; null when the file does not say. */
  readonly energy: string | null;
  /** Refrigerated (groupe froid); null when the file does not say (cars, bikes). */
  readonly refrigerated: boolean | null;
  /** kgCO2e per vehicle-km, well to wheel: the stand-in vehicle's for a band the file has no value for. */
  readonly kgCo2ePerVehicleKm: number;
}

/** Every vehicle of the data file, in its order: the one list the choices a person is offered come from. */
export const VEHICLE_CHOICES: readonly VehicleChoice[] = EMISSION_FACTORS.vehicles.map((vehicle) => ({
  id: vehicle.id,
  label: vehicle.label_fr,
  vehicleClass: vehicle.class,
  energy: vehicle.energy ?? null,
  refrigerated: vehicle.refrigerated ?? null,
  kgCo2ePerVehicleKm: VEHICLES.get(vehicle.id)!.perVehicleKm.value,
}));

/** §7.2 step 3: B = m_t × Σ_legs (km_leg × EF_tkm(vehicle_leg)); the Σ is computed here once per category. */
function buildCategoryTable(): ReadonlyMap<string, CategoryBaseline> {
  const dataCategoryIds = EMISSION_FACTORS.baseline.categories.map((category) => category.id).sort();
  const productCategoryIds = PRODUCT_CATEGORIES.map((category) => category.toLowerCase()).sort();
  if (dataCategoryIds.join() !== productCategoryIds.join()) {
    throw new Error(
      `emission-factors.json: baseline categories [${dataCategoryIds}] differ from the product's ` +
        `[${productCategoryIds}]`,
    );
  }
  const table = new Map<string, CategoryBaseline>();
  for (const category of PRODUCT_CATEGORIES) {
    const data = EMISSION_FACTORS.baseline.categories.find((candidate) => candidate.id === category.toLowerCase())!;
    let kgCo2ePerTonne = 0;
    const factorIds = [`baseline.categories.${data.id}`];
    for (const leg of data.legs) {
      const perTonneKm = VEHICLES.get(leg.vehicle_id)?.perTonneKm;
      if (!perTonneKm) {
        throw new Error(`emission-factors.json: baseline leg vehicle ${leg.vehicle_id} has no kgCO2e/t.km factor`);
      }
      kgCo2ePerTonne += leg.km * perTonneKm.value;
      factorIds.push(perTonneKm.id);
    }
    table.set(category, { category, kgCo2ePerTonne, factorIds });
  }
  return table;
}

export const CATEGORY_BASELINES: ReadonlyMap<string, CategoryBaseline> = buildCategoryTable();

export interface ProximityBand {
  /** Upper bound of the great-circle distance, inclusive; null for the last, open band. */
  readonly maxKm: number | null;
  readonly label: string;
}

export const PROXIMITY_BANDS: readonly ProximityBand[] = EMISSION_FACTORS.proximity.proximity_bands_km_gcd.map(
  (band) => ({ maxKm: band.max_km, label: band.label }),
);
