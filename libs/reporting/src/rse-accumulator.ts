import type { RseDataTiers, RseLine, RseLineBatch, RseTotals } from './rse-line';

/** CARBON-METHOD §7.3 data tiers, grouped as the buyer's summary says them: primary, modelled round, default trip. */
export type RseDataTierGroup = 'primary' | 'modelled' | 'default';

/** Fuel or distance read at delivery is primary data; a modelled round is modelled; the dedicated trip is the default. */
export function dataTierGroupOf(dataSource: RseLine['dataSource']): RseDataTierGroup {
  if (dataSource === 'PRIMARY_FUEL' || dataSource === 'PRIMARY_DISTANCE') return 'primary';
  return dataSource === 'MODELLED_ROUND' ? 'modelled' : 'default';
}

/** Each tier's kgCO2e and its share of the total (0 when nothing was emitted). */
function dataTiersOf(tiers: Record<RseDataTierGroup, number>, flaggedLineCount: number): RseDataTiers {
  const total = tiers.primary + tiers.modelled + tiers.default;
  const share = (kg: number) => (total > 0 ? kg / total : 0);
  return {
    primaryKgCo2e: tiers.primary,
    modelledKgCo2e: tiers.modelled,
    defaultKgCo2e: tiers.default,
    primaryShare: share(tiers.primary),
    modelledShare: share(tiers.modelled),
    defaultShare: share(tiers.default),
    flaggedLineCount,
  };
}

type Bucket = {
  spendCents: number;
  massKg: number;
  emissionsKgCo2e: number;
  baselineKgCo2e: number;
  savedKgCo2e: number;
};
const emptyBucket = (): Bucket => ({ spendCents: 0, massKg: 0, emissionsKgCo2e: 0, baselineKgCo2e: 0, savedKgCo2e: 0 });
const add = (bucket: Bucket, line: RseLine) => {
  bucket.spendCents += line.spendCents;
  bucket.massKg += line.massKg;
  bucket.emissionsKgCo2e += line.emissionsKgCo2e;
  bucket.baselineKgCo2e += line.baselineKgCo2e;
  bucket.savedKgCo2e += line.differenceKgCo2e;
};

/**
 * The summary of a period, built line by line while the lines stream past (an export never holds them all): sums
 * over unrounded figures, shares computed at the end.
 */
export class RseAccumulator {
  private readonly total = emptyBucket();
  private localSpendCents = 0;
  private labelledSpendCents = 0;
  private tkm = 0;
  private scope3Cat4KgCo2e = 0;
  private scope1BuyerKgCo2e = 0;
  private measuredKgCo2e = 0;
  private readonly tiers: Record<RseDataTierGroup, number> = { primary: 0, modelled: 0, default: 0 };
  private flaggedLineCount = 0;
  private readonly categories = new Map<string, Bucket>();
  private readonly vehicles = new Map<string, { tkm: number; emissionsKgCo2e: number }>();
  private readonly suppliers = new Map<
    string,
    Bucket & { producerName: string; producerSiret: string | null; local: boolean }
  >();
  private readonly months = new Map<string, { emissionsKgCo2e: number; baselineKgCo2e: number }>();
  private readonly methodVersions = new Set<string>();

  private lastDay: string | undefined;
  private lastMonth = '';

  add(lines: RseLineBatch): void {
    lines.forEach((line) => this.addLine(line));
  }

  /** One line (it is not kept: its values are read now). */
  addLine(line: RseLine): void {
    add(this.total, line);
    if (line.local) this.localSpendCents += line.spendCents;
    if (line.labelled) this.labelledSpendCents += line.spendCents;
    this.tkm += line.tkm;
    if (line.ghgScope === 'scope1_buyer') this.scope1BuyerKgCo2e += line.emissionsKgCo2e;
    else this.scope3Cat4KgCo2e += line.emissionsKgCo2e;
    if (line.dataTier === 'modelled') this.measuredKgCo2e += line.emissionsKgCo2e;
    this.tiers[dataTierGroupOf(line.dataSource)] += line.emissionsKgCo2e;
    if (line.dataQuality === 'FLAGGED') this.flaggedLineCount += 1;
    add(
      this.categories.get(line.productCategory) ??
        this.categories.set(line.productCategory, emptyBucket()).get(line.productCategory)!,
      line,
    );
    const vehicle =
      this.vehicles.get(line.vehicleId) ??
      this.vehicles.set(line.vehicleId, { tkm: 0, emissionsKgCo2e: 0 }).get(line.vehicleId)!;
    vehicle.tkm += line.tkm;
    vehicle.emissionsKgCo2e += line.emissionsKgCo2e;
    const supplierKey = line.producerSiret ?? line.producerName;
    const supplier =
      this.suppliers.get(supplierKey) ??
      this.suppliers
        .set(supplierKey, {
          ...emptyBucket(),
          producerName: line.producerName,
          producerSiret: line.producerSiret,
          local: line.local,
        })
        .get(supplierKey)!;
    add(supplier, line);
    // A supplier order's lines share their day: its month is cut once.
    if (line.deliveredOn !== this.lastDay) this.lastMonth = (this.lastDay = line.deliveredOn).slice(0, 7);
    const month = this.lastMonth;
    const monthly =
      this.months.get(month) ?? this.months.set(month, { emissionsKgCo2e: 0, baselineKgCo2e: 0 }).get(month)!;
    monthly.emissionsKgCo2e += line.emissionsKgCo2e;
    monthly.baselineKgCo2e += line.baselineKgCo2e;
    this.methodVersions.add(line.methodVersion);
  }

  totals(): RseTotals {
    const suppliers = [...this.suppliers.values()];
    return {
      spendCents: this.total.spendCents,
      localSpendCents: this.localSpendCents,
      labelledSpendCents: this.labelledSpendCents,
      supplierCount: suppliers.length,
      localSupplierCount: suppliers.filter((supplier) => supplier.local).length,
      massKg: this.total.massKg,
      tkm: this.tkm,
      scope3Cat4KgCo2e: this.scope3Cat4KgCo2e,
      scope1BuyerKgCo2e: this.scope1BuyerKgCo2e,
      emissionsKgCo2e: this.total.emissionsKgCo2e,
      baselineKgCo2e: this.total.baselineKgCo2e,
      savedKgCo2e: this.total.savedKgCo2e,
      primaryDataShare: this.total.emissionsKgCo2e > 0 ? this.measuredKgCo2e / this.total.emissionsKgCo2e : 0,
      dataTiers: dataTiersOf(this.tiers, this.flaggedLineCount),
      byCategory: [...this.categories.entries()]
        .map(([category, bucket]) => ({ category, ...bucket }))
        .sort((a, b) => b.spendCents - a.spendCents),
      byVehicle: [...this.vehicles.entries()]
        .map(([vehicleId, figures]) => ({ vehicleId, ...figures }))
        .sort((a, b) => b.emissionsKgCo2e - a.emissionsKgCo2e),
      bySupplier: suppliers
        .map(({ producerName, producerSiret, spendCents, massKg, emissionsKgCo2e, savedKgCo2e, local }) => ({
          producerName,
          producerSiret,
          spendCents,
          massKg,
          emissionsKgCo2e,
          savedKgCo2e,
          local,
        }))
        .sort((a, b) => b.spendCents - a.spendCents),
      byMonth: [...this.months.entries()]
        .map(([month, figures]) => ({ month, ...figures }))
        .sort((a, b) => a.month.localeCompare(b.month)),
      methodVersions: [...this.methodVersions].sort(),
    };
  }
}
