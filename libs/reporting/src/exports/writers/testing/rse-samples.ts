/**
 * Sample RSE lines, totals and report metadata for the writers' specs. The figures follow CARBON-METHOD.md §8
 * (AC1: 120 kg of vegetables, 35 km, dedicated diesel van → 48.463 kgCO2e against a baseline of 11.125).
 */
import type { RseLine, RseTotals } from '../../../rse-line';
import type { RseReportMeta } from '../rse-format';

export function sampleLine(values: Partial<RseLine> = {}): RseLine {
  return {
    buyerName: 'Bistrot des Lacs',
    buyerSiret: '52345678900027',
    siteInseeCode: '39155',
    periodFrom: '2026-01-01',
    periodTo: '2026-12-31',
    orderNumber: 'CMD-2026-000042',
    orderedOn: '2026-03-12',
    deliveredOn: '2026-03-14',
    producerName: 'Ferme du Haut-Jura',
    producerSiret: '41234567800012',
    producerInseeCode: '39097',
    productName: 'Poireaux',
    productCategory: 'FRESH_VEGETABLES',
    ciqualCode: '20031',
    quantity: 120,
    unit: 'KG',
    massKg: 120,
    spendCents: 34_560,
    labelled: true,
    local: true,
    deliveryMode: 'dedicated_return_empty',
    vehicleId: 'vul_diesel',
    vehicleAssumed: false,
    vehicleEnergy: 'diesel',
    temperatureControlled: false,
    ghgScope: 'scope3_cat4',
    gcdKm: 35,
    distanceKm: 47.775,
    distanceType: 'gcd_estimated',
    circuityFactor: 1.3,
    dafFactor: 1.05,
    emptyReturnFactor: 1,
    roundId: null,
    allocationMethod: 'mass',
    allocationShare: 1,
    tkm: 5.733,
    emissionsKgCo2e: 48.46248,
    emissionsTtwKgCo2e: null,
    emissionsWttKgCo2e: null,
    factorId: 'vehicles.vul_diesel.kgco2e_per_vkm_wtw',
    factorValue: 0.5072,
    factorUnit: 'kgCO2e/vkm',
    factorSource: 'Arrêté du 10 avril 2012',
    factorYear: 2012,
    methodVersion: '1.0/1.0.0+3f9a1c2b',
    dataTier: 'default',
    dataSource: 'DEFAULT',
    dataQuality: 'OK',
    baselineScenarioId: 'baseline.categories.fresh_vegetables',
    baselineKgCo2e: 11.12472,
    differenceKgCo2e: -37.33776,
    ...values,
  };
}

/** `count` lines in batches of `batchSize`, made on demand: the stream never exists whole in memory. */
export async function* lineBatches(
  count: number,
  batchSize: number,
  lineAt: (index: number) => RseLine = () => sampleLine(),
): AsyncGenerator<RseLine[]> {
  for (let start = 0; start < count; start += batchSize) {
    const batch: RseLine[] = [];
    for (let index = start; index < Math.min(count, start + batchSize); index++) batch.push(lineAt(index));
    yield batch;
  }
}

export const sampleMeta = (values: Partial<RseReportMeta> = {}): RseReportMeta => ({
  buyerName: 'Bistrot des Lacs',
  buyerSiret: '52345678900027',
  periodFrom: '2026-01-01',
  periodTo: '2026-12-31',
  localRadiusKm: 100,
  generatedAt: new Date('2027-01-05T08:30:00Z'),
  ...values,
});

const supplier = (
  producerName: string,
  spendCents: number,
  local: boolean,
  index: number,
): RseTotals['bySupplier'][number] => ({
  producerName,
  producerSiret: `4123456780${String(index).padStart(4, '0')}`,
  spendCents,
  creditedCents: 0,
  massKg: spendCents / 300,
  emissionsKgCo2e: spendCents / 1000,
  savedKgCo2e: index % 3 === 0 ? -spendCents / 4000 : spendCents / 5000,
  local,
});

/** A year of purchases from 20 suppliers; `values` overrides any figure. */
export function sampleTotals(values: Partial<RseTotals> = {}): RseTotals {
  const bySupplier = [
    supplier('Ferme du Haut-Jura', 412_345, true, 1),
    supplier('Fromagerie de Champagnole', 301_200, true, 2),
    supplier('Brasserie des Lacs', 120_050, false, 3),
    ...Array.from({ length: 17 }, (_, index) =>
      supplier(`Producteur ${String(index + 4).padStart(2, '0')}`, 50_000 - index * 1_000, index % 2 === 0, index + 4),
    ),
  ];
  return {
    spendCents: 1_234_567,
    creditedCents: 0,
    localSpendCents: 987_654,
    labelledSpendCents: 456_789,
    supplierCount: 20,
    localSupplierCount: 11,
    massKg: 4_321.5,
    tkm: 612.345,
    scope3Cat4KgCo2e: 1_100.25,
    scope1BuyerKgCo2e: 134.5,
    emissionsKgCo2e: 1_234.75,
    baselineKgCo2e: 405.6,
    savedKgCo2e: -829.15,
    primaryDataShare: 0.3125,
    dataTiers: {
      primaryKgCo2e: 385.86,
      modelledKgCo2e: 222.25,
      defaultKgCo2e: 626.64,
      primaryShare: 0.3125,
      modelledShare: 0.18,
      defaultShare: 0.5075,
      flaggedLineCount: 2,
    },
    byCategory: [
      {
        category: 'FRESH_VEGETABLES',
        spendCents: 612_345,
        massKg: 2_500,
        emissionsKgCo2e: 700.5,
        baselineKgCo2e: 231.75,
        savedKgCo2e: -468.75,
      },
      {
        category: 'DAIRY_CHEESE',
        spendCents: 400_000,
        massKg: 900,
        emissionsKgCo2e: 300.25,
        baselineKgCo2e: 83.45,
        savedKgCo2e: -216.8,
      },
      {
        category: 'BEVERAGES',
        spendCents: 222_222,
        massKg: 921.5,
        emissionsKgCo2e: 234,
        baselineKgCo2e: 90.4,
        savedKgCo2e: -143.6,
      },
    ],
    byVehicle: [
      { vehicleId: 'vul_diesel', tkm: 500.5, emissionsKgCo2e: 1_000.25 },
      { vehicleId: 'voiture_thermique', tkm: 111.845, emissionsKgCo2e: 234.5 },
    ],
    bySupplier,
    byMonth: Array.from({ length: 12 }, (_, index) => ({
      month: `2026-${String(index + 1).padStart(2, '0')}`,
      emissionsKgCo2e: 60 + index * 10,
      baselineKgCo2e: 30 + (index % 4) * 5,
    })),
    methodVersions: ['1.0/1.0.0+3f9a1c2b'],
    ...values,
  };
}
