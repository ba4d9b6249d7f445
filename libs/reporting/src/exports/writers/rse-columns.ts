import type { RseLine } from '../../rse-line';

/**
 * The columns of the line-level export (CARBON-METHOD.md §9), shared by the CSV and the XLSX "Lignes" sheet so that
 * both carry the same columns in the same order. Headers are explicit English snake_case with their unit, stable
 * names an accountant's spreadsheet or script can rely on; every `RseLine` field has exactly one column.
 *
 * `kind` says how a value is printed:
 * - `text`: as is (`null` → empty cell);
 * - `date`: YYYY-MM-DD (a date cell in XLSX);
 * - `money`: integer cents → euros with 2 decimals, exactly;
 * - `decimal`: a measured figure with `digits` decimals (kg and km 3, shares 4, factors 5; `null` → empty cell);
 * - `quantity`: the ordered quantity, up to 3 decimals;
 * - `boolean`: true / false (`null` → empty cell).
 */
export type RseColumn =
  | { header: string; kind: 'text'; value: (line: RseLine) => string | null; width: number }
  | { header: string; kind: 'date'; value: (line: RseLine) => string; width: number }
  | { header: string; kind: 'money'; value: (line: RseLine) => number; width: number }
  | { header: string; kind: 'decimal'; digits: number; value: (line: RseLine) => number | null; width: number }
  | { header: string; kind: 'quantity'; value: (line: RseLine) => number; width: number }
  | { header: string; kind: 'boolean'; value: (line: RseLine) => boolean | null; width: number };

const KG = 3;
const KM = 3;
const SHARE = 4;
const FACTOR = 5;

export const RSE_COLUMNS: readonly RseColumn[] = [
  { header: 'buyer_name', kind: 'text', value: (line) => line.buyerName, width: 28 },
  { header: 'buyer_siret', kind: 'text', value: (line) => line.buyerSiret, width: 16 },
  { header: 'site_insee_code', kind: 'text', value: (line) => line.siteInseeCode, width: 10 },
  { header: 'period_from', kind: 'date', value: (line) => line.periodFrom, width: 12 },
  { header: 'period_to', kind: 'date', value: (line) => line.periodTo, width: 12 },
  { header: 'order_number', kind: 'text', value: (line) => line.orderNumber, width: 18 },
  { header: 'ordered_on', kind: 'date', value: (line) => line.orderedOn, width: 12 },
  { header: 'delivered_on', kind: 'date', value: (line) => line.deliveredOn, width: 12 },
  { header: 'producer_name', kind: 'text', value: (line) => line.producerName, width: 28 },
  { header: 'producer_siret', kind: 'text', value: (line) => line.producerSiret, width: 16 },
  { header: 'producer_insee_code', kind: 'text', value: (line) => line.producerInseeCode, width: 10 },
  { header: 'product_name', kind: 'text', value: (line) => line.productName, width: 30 },
  { header: 'product_category', kind: 'text', value: (line) => line.productCategory, width: 18 },
  { header: 'agribalyse_ciqual_code', kind: 'text', value: (line) => line.ciqualCode, width: 10 },
  { header: 'quantity', kind: 'quantity', value: (line) => line.quantity, width: 10 },
  { header: 'unit', kind: 'text', value: (line) => line.unit, width: 8 },
  { header: 'mass_kg', kind: 'decimal', digits: KG, value: (line) => line.massKg, width: 12 },
  { header: 'spend_eur_excl_vat', kind: 'money', value: (line) => line.spendCents, width: 14 },
  { header: 'labelled', kind: 'boolean', value: (line) => line.labelled, width: 9 },
  { header: 'local', kind: 'boolean', value: (line) => line.local, width: 8 },
  { header: 'delivery_mode', kind: 'text', value: (line) => line.deliveryMode, width: 18 },
  { header: 'vehicle_id', kind: 'text', value: (line) => line.vehicleId, width: 24 },
  { header: 'vehicle_assumed', kind: 'boolean', value: (line) => line.vehicleAssumed, width: 9 },
  { header: 'vehicle_energy', kind: 'text', value: (line) => line.vehicleEnergy, width: 12 },
  { header: 'temperature_controlled', kind: 'boolean', value: (line) => line.temperatureControlled, width: 9 },
  { header: 'ghg_scope', kind: 'text', value: (line) => line.ghgScope, width: 13 },
  { header: 'gcd_km', kind: 'decimal', digits: KM, value: (line) => line.gcdKm, width: 11 },
  { header: 'distance_km', kind: 'decimal', digits: KM, value: (line) => line.distanceKm, width: 11 },
  { header: 'distance_type', kind: 'text', value: (line) => line.distanceType, width: 14 },
  { header: 'circuity_factor', kind: 'decimal', digits: FACTOR, value: (line) => line.circuityFactor, width: 9 },
  { header: 'daf_factor', kind: 'decimal', digits: FACTOR, value: (line) => line.dafFactor, width: 9 },
  { header: 'empty_return_factor', kind: 'decimal', digits: FACTOR, value: (line) => line.emptyReturnFactor, width: 9 },
  { header: 'round_id', kind: 'text', value: (line) => line.roundId, width: 14 },
  { header: 'allocation_method', kind: 'text', value: (line) => line.allocationMethod, width: 24 },
  { header: 'allocation_share', kind: 'decimal', digits: SHARE, value: (line) => line.allocationShare, width: 10 },
  { header: 'transport_tkm', kind: 'decimal', digits: KG, value: (line) => line.tkm, width: 12 },
  { header: 'emissions_kgco2e_wtw', kind: 'decimal', digits: KG, value: (line) => line.emissionsKgCo2e, width: 14 },
  { header: 'emissions_kgco2e_ttw', kind: 'decimal', digits: KG, value: (line) => line.emissionsTtwKgCo2e, width: 14 },
  { header: 'emissions_kgco2e_wtt', kind: 'decimal', digits: KG, value: (line) => line.emissionsWttKgCo2e, width: 14 },
  { header: 'factor_id', kind: 'text', value: (line) => line.factorId, width: 36 },
  { header: 'factor_value', kind: 'decimal', digits: FACTOR, value: (line) => line.factorValue, width: 10 },
  { header: 'factor_unit', kind: 'text', value: (line) => line.factorUnit, width: 12 },
  { header: 'factor_source', kind: 'text', value: (line) => line.factorSource, width: 40 },
  {
    header: 'factor_year',
    kind: 'text',
    value: (line) => (line.factorYear === null ? null : String(line.factorYear)),
    width: 8,
  },
  { header: 'method_version', kind: 'text', value: (line) => line.methodVersion, width: 18 },
  { header: 'data_tier', kind: 'text', value: (line) => line.dataTier, width: 10 },
  { header: 'data_source', kind: 'text', value: (line) => line.dataSource, width: 18 },
  { header: 'data_quality', kind: 'text', value: (line) => line.dataQuality, width: 10 },
  { header: 'baseline_scenario_id', kind: 'text', value: (line) => line.baselineScenarioId, width: 22 },
  { header: 'baseline_kgco2e', kind: 'decimal', digits: KG, value: (line) => line.baselineKgCo2e, width: 14 },
  { header: 'difference_kgco2e', kind: 'decimal', digits: KG, value: (line) => line.differenceKgCo2e, width: 14 },
];

export const RSE_HEADERS: readonly string[] = RSE_COLUMNS.map((column) => column.header);
