import { splitProportionally } from '@app/platform';
import { creditedGoodsCents } from './credited-spend';
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

/** A supplier order that credit notes were issued against: what its lines spent, to take the credit off. */
interface CreditedPart {
  creditedSubtotalCents: number;
  goodsCents: number;
  labelledCents: number;
  local: boolean;
  supplierKey: string;
  categories: Map<string, number>;
}

const supplierKeyOf = (line: RseLine) => line.producerSiret ?? line.producerName;

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
  private readonly creditedParts: CreditedPart[] = [];
  private part: CreditedPart | undefined;

  /**
   * `credits`: what credit notes took off each supplier order's invoice, excluding VAT (none for an export, whose
   * lines and summary are the goods as delivered). The summary's spend is then net of them (`creditedGoodsCents`):
   * a credit note gives money back, not the trip — the goods travelled, so mass, tkm and emissions stay.
   */
  constructor(private readonly credits: ReadonlyMap<string, number> = new Map()) {}

  /** The supplier order the next lines belong to (a part's lines come together). */
  enterPart(supplierOrderId: string): void {
    const creditedSubtotalCents = this.credits.get(supplierOrderId);
    this.part = creditedSubtotalCents
      ? { creditedSubtotalCents, goodsCents: 0, labelledCents: 0, local: false, supplierKey: '', categories: new Map() }
      : undefined;
    if (this.part) this.creditedParts.push(this.part);
  }

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
    if (this.part) this.addToCreditedPart(this.part, line);
    const supplierKey = supplierKeyOf(line);
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

  private addToCreditedPart(part: CreditedPart, line: RseLine): void {
    part.goodsCents += line.spendCents;
    if (line.labelled) part.labelledCents += line.spendCents;
    part.local = line.local;
    part.supplierKey = supplierKeyOf(line);
    part.categories.set(line.productCategory, (part.categories.get(line.productCategory) ?? 0) + line.spendCents);
  }

  /** What the credit notes take off the goods' spend: in all, local, labelled, per supplier and per category. */
  private credited() {
    const credited = {
      total: 0,
      local: 0,
      labelled: 0,
      bySupplier: new Map<string, number>(),
      byCategory: new Map<string, number>(),
    };
    for (const part of this.creditedParts) {
      const cents = creditedGoodsCents(part.creditedSubtotalCents, part.goodsCents);
      credited.total += cents;
      if (part.local) credited.local += cents;
      credited.labelled += splitProportionally(cents, [part.labelledCents, part.goodsCents - part.labelledCents])[0];
      credited.bySupplier.set(part.supplierKey, (credited.bySupplier.get(part.supplierKey) ?? 0) + cents);
      const categories = [...part.categories];
      const shares = splitProportionally(
        cents,
        categories.map(([, spend]) => spend),
      );
      categories.forEach(([category], index) =>
        credited.byCategory.set(category, (credited.byCategory.get(category) ?? 0) + shares[index]),
      );
    }
    return credited;
  }

  totals(): RseTotals {
    const suppliers = [...this.suppliers.entries()];
    const credited = this.credited();
    return {
      spendCents: this.total.spendCents - credited.total,
      creditedCents: credited.total,
      localSpendCents: this.localSpendCents - credited.local,
      labelledSpendCents: this.labelledSpendCents - credited.labelled,
      supplierCount: suppliers.length,
      localSupplierCount: suppliers.filter(([, supplier]) => supplier.local).length,
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
        .map(([category, bucket]) => ({
          category,
          ...bucket,
          spendCents: bucket.spendCents - (credited.byCategory.get(category) ?? 0),
        }))
        .sort((a, b) => b.spendCents - a.spendCents),
      byVehicle: [...this.vehicles.entries()]
        .map(([vehicleId, figures]) => ({ vehicleId, ...figures }))
        .sort((a, b) => b.emissionsKgCo2e - a.emissionsKgCo2e),
      bySupplier: suppliers
        .map(([key, { producerName, producerSiret, spendCents, massKg, emissionsKgCo2e, savedKgCo2e, local }]) => ({
          producerName,
          producerSiret,
          spendCents: spendCents - (credited.bySupplier.get(key) ?? 0),
          creditedCents: credited.bySupplier.get(key) ?? 0,
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
