/**
 * One line of the RSE export (CARBON-METHOD.md §9, line level): an order line with its share of its supplier
 * order's transport footprint. Plain values, so that the CSV, XLSX and PDF writers are pure functions of them.
 */
export interface RseLine {
  /** Buyer: legal name, SIRET, the delivery site's commune (INSEE). */
  buyerName: string;
  buyerSiret: string | null;
  siteInseeCode: string | null;
  /** Reporting period, YYYY-MM-DD. */
  periodFrom: string;
  periodTo: string;
  orderNumber: string;
  /** Order date (YYYY-MM-DD, Paris). */
  orderedOn: string;
  /** Delivery date (YYYY-MM-DD, Paris): the line counts in the period it was delivered. */
  deliveredOn: string;
  producerName: string;
  producerSiret: string | null;
  producerInseeCode: string | null;
  productName: string;
  productCategory: string;
  /** The product's CIQUAL (AGRIBALYSE) food code, when the producer gave it. */
  ciqualCode: string | null;
  quantity: number;
  unit: string;
  massKg: number;
  spendCents: number;
  /** Whether a territory brand labelled the product when it was sold. */
  labelled: boolean;
  /** Producer within the report's local radius of the delivery site (great circle). */
  local: boolean;
  deliveryMode: string;
  vehicleId: string;
  vehicleAssumed: boolean;
  /** The vehicle's energy and temperature control, as the factors file names them (null: not stated). */
  vehicleEnergy: string | null;
  temperatureControlled: boolean | null;
  /** `scope3_cat4` (producer's or carrier's vehicle) or `scope1_buyer` (the buyer's own trip). */
  ghgScope: 'scope3_cat4' | 'scope1_buyer';
  gcdKm: number;
  distanceKm: number;
  /** `gcd_estimated` (× circuity × DAF), `sfd` (routed), `actual` (odometer). */
  distanceType: 'gcd_estimated' | 'sfd' | 'actual';
  /** The parameters applied to reach `distanceKm` (null: not applied): circuity (GCD → road), DAF, empty return. */
  circuityFactor: number | null;
  dafFactor: number | null;
  emptyReturnFactor: number | null;
  roundId: string | null;
  /** How the trip's emissions were shared: by mass among the lines, and by mass × great circle among a round's orders (`@app/carbon` allocationMethod). */
  allocationMethod: string;
  allocationShare: number;
  tkm: number;
  /** Well-to-wheel, and its tank-to-wheel / well-to-tank parts where the fuel factor gives them (else null). */
  emissionsKgCo2e: number;
  emissionsTtwKgCo2e: number | null;
  emissionsWttKgCo2e: number | null;
  /** The transport factor used: its path in the factors file, value, unit, source and year. */
  factorId: string;
  factorValue: number;
  factorUnit: string;
  factorSource: string | null;
  factorYear: number | null;
  methodVersion: string;
  /** `modelled` (measured distance × factor) or `default` (estimated distance). */
  dataTier: 'modelled' | 'default';
  /** CARBON-METHOD §7.3 data tier: fuel read at delivery, a measured round distance, a modelled round, or the default trip. */
  dataSource: 'PRIMARY_FUEL' | 'PRIMARY_DISTANCE' | 'MODELLED_ROUND' | 'DEFAULT';
  /** FLAGGED when the producer's reading was implausible (§7.3): the figure is then the modelled one. */
  dataQuality: 'OK' | 'FLAGGED';
  baselineScenarioId: string;
  baselineKgCo2e: number;
  /** baseline − emissions, signed. */
  differenceKgCo2e: number;
}

/**
 * Lines visited one at a time, in order (an array of lines is one). The export's lines are one `RseLine` refilled for
 * each line: a visitor copies what must outlive its call (the values are all primitives).
 */
export interface RseLineBatch {
  readonly length: number;
  forEach(visit: (line: RseLine) => void): void;
}

/** The emissions of a period by data tier (CARBON-METHOD §7.3), in kgCO2e and as shares of their sum. */
export interface RseDataTiers {
  /** Fuel litres or odometer km the producer read at delivery (PRIMARY_FUEL, PRIMARY_DISTANCE). */
  primaryKgCo2e: number;
  /** The planned round's modelled tour (MODELLED_ROUND), flagged readings included. */
  modelledKgCo2e: number;
  /** The default dedicated trip (DEFAULT). */
  defaultKgCo2e: number;
  primaryShare: number;
  modelledShare: number;
  defaultShare: number;
  /** Lines whose producer's reading was implausible: their figure is the modelled one. */
  flaggedLineCount: number;
}

/** The summary of a period (CARBON-METHOD.md §9, summary level), from the lines. */
export interface RseTotals {
  /** The goods, excluding VAT, net of the credit notes issued against them (`creditedGoodsCents`). */
  spendCents: number;
  /** What credit notes took off the goods' spend (0 in an export's summary: its lines are the goods as delivered). */
  creditedCents: number;
  localSpendCents: number;
  labelledSpendCents: number;
  supplierCount: number;
  localSupplierCount: number;
  massKg: number;
  tkm: number;
  /** Scope 3 category 4 (BEGES poste 3.1): the producers' and carriers' vehicles. */
  scope3Cat4KgCo2e: number;
  /** The buyer's own pickups (Scope 1, BEGES poste 1.2): for information, already in its fuel purchases. */
  scope1BuyerKgCo2e: number;
  emissionsKgCo2e: number;
  baselineKgCo2e: number;
  savedKgCo2e: number;
  /** Share of emissions computed from measured distances (ESRS E1 AR 46(g)). */
  primaryDataShare: number;
  /** How much of the emissions rests on primary data, a modelled round or the default trip (CARBON-METHOD §7.3). */
  dataTiers: RseDataTiers;
  byCategory: {
    category: string;
    spendCents: number;
    massKg: number;
    emissionsKgCo2e: number;
    baselineKgCo2e: number;
    savedKgCo2e: number;
  }[];
  byVehicle: { vehicleId: string; tkm: number; emissionsKgCo2e: number }[];
  bySupplier: {
    producerName: string;
    producerSiret: string | null;
    spendCents: number;
    creditedCents: number;
    massKg: number;
    emissionsKgCo2e: number;
    savedKgCo2e: number;
    local: boolean;
  }[];
  /** Emissions and baseline per month (YYYY-MM), for the report's chart. */
  byMonth: { month: string; emissionsKgCo2e: number; baselineKgCo2e: number }[];
  methodVersions: string[];
}
