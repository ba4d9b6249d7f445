import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { RseLine } from '../../rse-line';
import { writeRseCsv } from './csv-writer';
import { RSE_HEADERS } from './rse-columns';
import { lineBatches, sampleLine } from './testing/rse-samples';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rse-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function* batchesOf(...batches: RseLine[][]): AsyncGenerator<RseLine[]> {
  yield* batches;
}

/** The file parsed back as RFC 4180 with `;`, one object per line keyed by header. */
async function readBack(path: string): Promise<Record<string, string>[]> {
  return parse(await readFile(path, 'utf8'), { delimiter: ';', bom: true, columns: true, record_delimiter: '\r\n' });
}

describe('writeRseCsv', () => {
  it('writes a BOM, the header and one CRLF-terminated row per line, and reports progress per batch', async () => {
    const path = join(dir, 'small.csv');
    const progress: number[] = [];
    const result = await writeRseCsv(path, batchesOf([sampleLine(), sampleLine()], [], [sampleLine()]), (rows) => {
      progress.push(rows);
    });

    expect(result).toEqual({ rowCount: 3 });
    expect(progress).toEqual([2, 2, 3]);
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(5); // header, 3 rows, empty after the last CRLF
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(text.split('\r\n')[0]).toBe(
      'buyer_name;buyer_siret;site_insee_code;period_from;period_to;order_number;ordered_on;delivered_on;producer_name;producer_siret;producer_insee_code;' +
        'product_name;product_category;agribalyse_ciqual_code;quantity;unit;mass_kg;spend_eur_excl_vat;labelled;local;delivery_mode;vehicle_id;vehicle_assumed;vehicle_energy;' +
        'temperature_controlled;ghg_scope;gcd_km;distance_km;distance_type;circuity_factor;daf_factor;empty_return_factor;round_id;allocation_method;' +
        'allocation_share;transport_tkm;emissions_kgco2e_wtw;emissions_kgco2e_ttw;emissions_kgco2e_wtt;factor_id;factor_value;factor_unit;factor_source;' +
        'factor_year;method_version;data_tier;data_source;data_quality;baseline_scenario_id;baseline_kgco2e;difference_kgco2e',
    );
  });

  it('awaits an asynchronous progress callback before pulling the next batch, and stops if it fails', async () => {
    const events: string[] = [];
    async function* lines(): AsyncGenerator<RseLine[]> {
      for (let batch = 1; batch <= 3; batch++) {
        events.push(`pull ${batch}`);
        yield [sampleLine()];
      }
    }
    await writeRseCsv(join(dir, 'progress.csv'), lines(), async (rows) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`progress ${rows}`);
    });
    expect(events).toEqual(['pull 1', 'progress 1', 'pull 2', 'progress 2', 'pull 3', 'progress 3']);

    const path = join(dir, 'progress-failed.csv');
    await expect(writeRseCsv(path, lines(), () => Promise.reject(new Error('progress update failed')))).rejects.toThrow(
      'progress update failed',
    );
    expect(existsSync(path)).toBe(false);
  });

  it('prints figures with a decimal point and fixed decimals: euros 2, kg 3, shares 4', async () => {
    const path = join(dir, 'figures.csv');
    await writeRseCsv(
      path,
      batchesOf([
        sampleLine({
          spendCents: 123_405,
          quantity: 1.5,
          massKg: 0.12345,
          allocationShare: 0.333333,
          roundId: 'R-7',
          differenceKgCo2e: -0.0001,
        }),
      ]),
    );
    const [row] = await readBack(path);

    expect(row).toMatchObject({
      spend_eur_excl_vat: '1234.05',
      quantity: '1.5',
      mass_kg: '0.123',
      allocation_share: '0.3333',
      gcd_km: '35.000',
      distance_km: '47.775',
      transport_tkm: '5.733',
      emissions_kgco2e_wtw: '48.462',
      baseline_kgco2e: '11.125',
      // A saving that rounds to nothing is not printed as a negative one.
      difference_kgco2e: '0.000',
      labelled: 'true',
      local: 'true',
      vehicle_assumed: 'false',
      ghg_scope: 'scope3_cat4',
      distance_type: 'gcd_estimated',
      round_id: 'R-7',
      buyer_siret: '52345678900027',
      delivered_on: '2026-03-14',
    });
    const numeric = [
      'spend_eur_excl_vat',
      'quantity',
      'mass_kg',
      'gcd_km',
      'distance_km',
      'allocation_share',
      'transport_tkm',
      'emissions_kgco2e_wtw',
      'baseline_kgco2e',
      'difference_kgco2e',
    ];
    for (const column of numeric) expect(row[column]).toMatch(/^-?\d+(\.\d+)?$/);
  });

  it('prints a negative saving with its sign and leaves missing values empty', async () => {
    const path = join(dir, 'signed.csv');
    await writeRseCsv(path, batchesOf([sampleLine({ producerSiret: null, producerInseeCode: null, roundId: null })]));
    const [row] = await readBack(path);
    expect(row.difference_kgco2e).toBe('-37.338');
    expect(row.producer_siret).toBe('');
    expect(row.producer_insee_code).toBe('');
    expect(row.round_id).toBe('');
  });

  it('quotes a value holding ";", a quote or a line break (RFC 4180), and reads back unchanged', async () => {
    const path = join(dir, 'quoting.csv');
    const names = ['Pommes; Reinette du Jura', 'Comté "extra" 24 mois', 'Panier\r\nde saison', 'Miel de sapin'];
    await writeRseCsv(path, batchesOf(names.map((productName) => sampleLine({ productName }))));

    const text = (await readFile(path, 'utf8')).slice(1);
    expect(text).toContain(';"Pommes; Reinette du Jura";');
    expect(text).toContain(';"Comté ""extra"" 24 mois";');
    expect(text).toContain(';"Panier\r\nde saison";');
    expect(text).toContain(';Miel de sapin;');
    const rows = await readBack(path);
    expect(rows.map((row) => row.product_name)).toEqual(names);
    for (const row of rows) expect(Object.keys(row)).toEqual(RSE_HEADERS);
  });

  it('neutralises text Excel would run as a formula, not negative figures', async () => {
    const path = join(dir, 'injection.csv');
    await writeRseCsv(
      path,
      batchesOf([sampleLine({ productName: '=HYPERLINK("http://x";"y")', producerName: '@SUM(A1)' })]),
    );
    const [row] = await readBack(path);
    expect(row.product_name).toBe(`'=HYPERLINK("http://x";"y")`);
    expect(row.producer_name).toBe(`'@SUM(A1)`);
    expect(row.difference_kgco2e).toBe('-37.338');
  });

  it('gives every RseLine field its own column', async () => {
    const base = sampleLine();
    const changed: Record<keyof RseLine, Partial<RseLine>> = {
      buyerName: { buyerName: 'Autre' },
      buyerSiret: { buyerSiret: '11111111111111' },
      siteInseeCode: { siteInseeCode: '75056' },
      periodFrom: { periodFrom: '2026-02-01' },
      periodTo: { periodTo: '2026-11-30' },
      orderNumber: { orderNumber: 'CMD-1' },
      deliveredOn: { deliveredOn: '2026-04-01' },
      producerName: { producerName: 'Autre ferme' },
      producerSiret: { producerSiret: '22222222222222' },
      producerInseeCode: { producerInseeCode: '25056' },
      productName: { productName: 'Carottes' },
      productCategory: { productCategory: 'EGGS' },
      ciqualCode: { ciqualCode: null },
      quantity: { quantity: 7 },
      unit: { unit: 'PIECE' },
      massKg: { massKg: 7 },
      spendCents: { spendCents: 7 },
      labelled: { labelled: false },
      local: { local: false },
      deliveryMode: { deliveryMode: 'round' },
      vehicleId: { vehicleId: 'porteur_7_5t_diesel' },
      vehicleAssumed: { vehicleAssumed: true },
      ghgScope: { ghgScope: 'scope1_buyer' },
      gcdKm: { gcdKm: 7 },
      distanceKm: { distanceKm: 7 },
      distanceType: { distanceType: 'actual' },
      roundId: { roundId: 'R-1' },
      allocationShare: { allocationShare: 0.5 },
      tkm: { tkm: 7 },
      emissionsKgCo2e: { emissionsKgCo2e: 7 },
      factorId: { factorId: 'x' },
      factorValue: { factorValue: 7 },
      factorUnit: { factorUnit: 'kgCO2e/t.km' },
      factorSource: { factorSource: null },
      factorYear: { factorYear: 2024 },
      emissionsTtwKgCo2e: { emissionsTtwKgCo2e: 5 },
      emissionsWttKgCo2e: { emissionsWttKgCo2e: 2 },
      allocationMethod: { allocationMethod: 'round' },
      circuityFactor: { circuityFactor: null },
      dafFactor: { dafFactor: 1.1 },
      emptyReturnFactor: { emptyReturnFactor: 2 },
      vehicleEnergy: { vehicleEnergy: 'electricity' },
      temperatureControlled: { temperatureControlled: null },
      orderedOn: { orderedOn: '2026-03-13' },
      methodVersion: { methodVersion: '2.0' },
      dataTier: { dataTier: 'modelled' },
      dataSource: { dataSource: 'PRIMARY_FUEL' },
      dataQuality: { dataQuality: 'FLAGGED' },
      baselineScenarioId: { baselineScenarioId: 'y' },
      baselineKgCo2e: { baselineKgCo2e: 7 },
      differenceKgCo2e: { differenceKgCo2e: 7 },
    };
    const path = join(dir, 'fields.csv');
    const variants = Object.values(changed).map((values) => sampleLine(values));
    await writeRseCsv(path, batchesOf([base, ...variants]));
    const [baseRow, ...rows] = await readBack(path);

    expect(RSE_HEADERS).toHaveLength(Object.keys(changed).length);
    const columnsChanged = rows.map((row) => RSE_HEADERS.filter((header) => row[header] !== baseRow[header]));
    for (const columns of columnsChanged) expect(columns).toHaveLength(1);
    expect(new Set(columnsChanged.flat()).size).toBe(RSE_HEADERS.length);
  });

  it("prints every line as it would alone, whatever its supplier order's cells share with the line before", async () => {
    // A supplier order's cells are printed once and reused while their values stay the same: each row of a file of
    // changing lines must still be the row of that line written on its own.
    const lines = [
      sampleLine(),
      sampleLine({ productName: 'Beurre', massKg: 2.5 }),
      sampleLine({ distanceKm: 61.25 }),
      sampleLine({ orderNumber: 'CMD-2', producerSiret: null }),
      sampleLine({ orderNumber: 'CMD-2', producerSiret: null, factorYear: null, vehicleEnergy: null }),
      sampleLine({ circuityFactor: null, local: false }),
      sampleLine(),
    ];
    const path = join(dir, 'runs.csv');
    await writeRseCsv(path, batchesOf(lines.slice(0, 3), lines.slice(3)));
    const rows = (await readFile(path, 'utf8')).split('\r\n').slice(1, -1);
    const alone: string[] = [];
    for (const [index, line] of lines.entries()) {
      const single = join(dir, `alone-${index}.csv`);
      await writeRseCsv(single, batchesOf([line]));
      alone.push((await readFile(single, 'utf8')).split('\r\n')[1]);
    }
    expect(rows).toEqual(alone);
    expect(new Set(rows).size).toBe(6); // the first and last lines are the same
  });

  it('stops on a non-finite figure, names the line, and leaves no partial file', async () => {
    const path = join(dir, 'broken.csv');
    const lines = lineBatches(3_000, 1_000, (index) =>
      sampleLine({ orderNumber: `CMD-${index}`, emissionsKgCo2e: index === 2_500 ? Number.NaN : 1 }),
    );
    await expect(writeRseCsv(path, lines)).rejects.toThrow('order CMD-2500');
    expect(existsSync(path)).toBe(false);
  });

  it('fails cleanly when the file cannot be created', async () => {
    await expect(writeRseCsv(join(dir, 'missing-dir', 'x.csv'), batchesOf([sampleLine()]))).rejects.toThrow(/ENOENT/);
  });

  it('streams 50,000 lines without reading ahead and with modest memory', async () => {
    const path = join(dir, 'large.csv');
    const count = 50_000;
    const batchSize = 1_000;
    let pulled = 0;
    let maxAhead = 0;
    const lines = lineBatches(count, batchSize, (index) => {
      pulled++;
      return sampleLine({
        orderNumber: `CMD-2026-${String(index).padStart(6, '0')}`,
        productName: `Produit ${index}; lot ${index % 97}`,
        spendCents: index,
      });
    });
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const started = performance.now();

    const { rowCount } = await writeRseCsv(path, lines, (rowsSoFar) => {
      maxAhead = Math.max(maxAhead, pulled - rowsSoFar);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    });
    const seconds = (performance.now() - started) / 1000;

    expect(rowCount).toBe(count);
    // The next batch is only pulled once the previous one is written.
    expect(maxAhead).toBe(0);
    const text = await readFile(path, 'utf8');
    expect(text.split('\r\n').length - 2).toBe(count);
    expect(text).toContain(';499.99;');
    const growthMb = (rssPeak - rssBefore) / 2 ** 20;
    expect(growthMb).toBeLessThan(150);
    console.log(
      `CSV ${count} lines: ${(count / seconds).toFixed(0)} rows/s, ${((await stat(path)).size / 2 ** 20).toFixed(1)} MB, RSS growth ${growthMb.toFixed(1)} MB (peak ${(rssPeak / 2 ** 20).toFixed(0)} MB)`,
    );
  });
});
