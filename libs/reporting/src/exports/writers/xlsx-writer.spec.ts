import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { RseLine } from '../../rse-line';
import { RSE_HEADERS } from './rse-columns';
import { AVOIDED_EMISSIONS_LABEL, BOUNDARY_STATEMENT } from './rse-format';
import { lineBatches, sampleLine, sampleMeta, sampleTotals } from './testing/rse-samples';
import { writeRseXlsx } from './xlsx-writer';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rse-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** The summary sheet's rows keyed by their label (column A), each as its cell values from column B on. */
function summaryByLabel(sheet: ExcelJS.Worksheet): Map<string, ExcelJS.CellValue[]> {
  const rows = new Map<string, ExcelJS.CellValue[]>();
  sheet.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string')
      rows.set(
        label,
        [2, 3, 4, 5, 6, 7].map((column) => row.getCell(column).value),
      );
  });
  return rows;
}

describe('writeRseXlsx', () => {
  it('writes the typed lines, then the summary from totals known only after the last line', async () => {
    const path = join(dir, 'report.xlsx');
    const events: string[] = [];
    async function* lines(): AsyncGenerator<RseLine[]> {
      yield [
        sampleLine(),
        sampleLine({
          productName: 'Comté; 24 mois',
          spendCents: 123_405,
          roundId: 'R-7',
          ghgScope: 'scope1_buyer',
          labelled: false,
        }),
      ];
      yield [sampleLine({ orderNumber: 'CMD-2026-000043', deliveredOn: '2026-04-02', productName: '=1+1' })];
      events.push('lines done');
    }
    const progress: number[] = [];
    const result = await writeRseXlsx(
      path,
      lines(),
      () => {
        events.push('totals');
        return sampleTotals();
      },
      sampleMeta(),
      (rows) => {
        progress.push(rows);
      },
    );

    expect(result).toEqual({ rowCount: 3 });
    expect(progress).toEqual([2, 3]);
    expect(events).toEqual(['lines done', 'totals']);

    const workbook = await readWorkbook(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Lignes', 'Synthèse']);

    const sheet = workbook.getWorksheet('Lignes')!;
    expect(sheet.rowCount).toBe(4);
    expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(RSE_HEADERS);
    const column = (header: string) => RSE_HEADERS.indexOf(header) + 1;
    const second = sheet.getRow(3);
    expect(second.getCell(column('product_name')).value).toBe('Comté; 24 mois');
    expect(second.getCell(column('spend_eur_excl_vat')).value).toBe(1234.05);
    expect(second.getCell(column('spend_eur_excl_vat')).numFmt).toBe('#,##0.00');
    expect(second.getCell(column('mass_kg')).value).toBe(120);
    expect(second.getCell(column('emissions_kgco2e_wtw')).value).toBe(48.462);
    expect(second.getCell(column('difference_kgco2e')).value).toBe(-37.338);
    expect(second.getCell(column('allocation_share')).value).toBe(1);
    expect(second.getCell(column('labelled')).value).toBe(false);
    expect(second.getCell(column('ghg_scope')).value).toBe('scope1_buyer');
    expect(second.getCell(column('round_id')).value).toBe('R-7');
    expect(second.getCell(column('delivered_on')).value).toEqual(new Date('2026-03-14T00:00:00Z'));
    expect(second.getCell(column('buyer_siret')).value).toBe('52345678900027');
    expect(sheet.getRow(4).getCell(column('order_number')).value).toBe('CMD-2026-000043');
    // Stored as a string cell: Excel shows the text, it never runs it as a formula.
    expect(sheet.getRow(4).getCell(column('product_name')).value).toBe('=1+1');
    expect(sheet.getRow(2).getCell(column('producer_insee_code')).value).toBe('39097');
  });

  it('summarises the period for the accountant, with the avoided emissions on their own labelled line', async () => {
    const path = join(dir, 'summary.xlsx');
    const totals = sampleTotals();
    await writeRseXlsx(path, lineBatches(10, 5), () => totals, sampleMeta());
    const summary = summaryByLabel((await readWorkbook(path)).getWorksheet('Synthèse')!);
    const value = (label: string) => {
      const row = summary.get(label);
      if (!row) throw new Error(`No summary row "${label}" in: ${[...summary.keys()].join(' | ')}`);
      return row[0];
    };

    expect(value('Acheteur')).toBe('Bistrot des Lacs');
    expect(value('SIRET')).toBe('52345678900027');
    expect(value('Période')).toBe('du 01/01/2026 au 31/12/2026');
    expect(value('Début de période')).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(value('Dépenses HT')).toBe(12_345.67);
    expect(value('Part locale des dépenses')).toBeCloseTo(987_654 / 1_234_567, 10);
    expect(value('Part labellisée des dépenses')).toBeCloseTo(456_789 / 1_234_567, 10);
    expect(value('Fournisseurs')).toBe(20);
    expect(value('dont fournisseurs locaux')).toBe(11);
    expect(value('Activité de transport')).toBe(612.345);
    expect(value('Émissions du transport, du puits à la roue (WTW), total')).toBe(1_234.75);
    expect(value('Part des émissions issues de données primaires (distances mesurées — ESRS E1 AR 46(g))')).toBe(
      0.3125,
    );
    expect(
      value('Scope 3, catégorie 4 — Transport et distribution amont (véhicules des producteurs et transporteurs)'),
    ).toBe(1_100.25);
    expect(value('Poste 3.1 — Transport de marchandises amont (Scope 3, cat. 4)')).toBe(1_100.25);
    expect(
      value('Poste 1.2 — Sources mobiles de l’acheteur (pour information\u00a0: déjà dans ses achats de carburant)'),
    ).toBe(134.5);
    // Category 1 activity data, then the full breakdown per category, per vehicle.
    expect(summary.get('Légumes frais')).toEqual(['FRESH_VEGETABLES', 6_123.45, 2_500, 700.5, 231.75, -468.75]);
    expect(summary.get('Produits laitiers, fromages')?.slice(0, 3)).toEqual(['DAIRY_CHEESE', 4_000, 900]);
    expect(summary.get('VUL diesel ≤3,5 t PTAC (profil express colis)')?.slice(0, 3)).toEqual([
      'vul_diesel',
      500.5,
      1_000.25,
    ]);
    // The comparative figure: signed, on its own line, with its label.
    expect(summary.get(AVOIDED_EMISSIONS_LABEL)?.slice(0, 2)).toEqual([-829.15, 'kgCO2e']);
    expect(summary.get('Écart négatif')?.[0]).toContain('pas automatiquement moins émetteurs');
    expect(value('Périmètre')).toBe(BOUNDARY_STATEMENT);
    expect(value('Version(s) de la méthode et des facteurs')).toBe('1.0/1.0.0+3f9a1c2b');
    expect(value('VSME')).toContain('B3');
  });

  it('leaves no partial file when the lines fail midway', async () => {
    const path = join(dir, 'broken.xlsx');
    async function* lines(): AsyncGenerator<RseLine[]> {
      yield [sampleLine()];
      throw new Error('database went away');
    }
    await expect(writeRseXlsx(path, lines(), () => sampleTotals(), sampleMeta())).rejects.toThrow('database went away');
    expect(existsSync(path)).toBe(false);
  });

  it('stops on a non-finite figure and names the line', async () => {
    const path = join(dir, 'nan.xlsx');
    const lines = lineBatches(5, 5, (index) =>
      sampleLine({ orderNumber: `CMD-${index}`, massKg: index === 3 ? Number.POSITIVE_INFINITY : 1 }),
    );
    await expect(writeRseXlsx(path, lines, () => sampleTotals(), sampleMeta())).rejects.toThrow('order CMD-3');
    expect(existsSync(path)).toBe(false);
  });

  it('streams 20,000 lines to disk as it goes, with modest memory, and a streaming reader reads them all back', async () => {
    const path = join(dir, 'large.xlsx');
    const count = 20_000;
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    let bytesAtLastBatch = 0;
    const started = performance.now();
    const { rowCount } = await writeRseXlsx(
      path,
      lineBatches(count, 1_000, (index) =>
        sampleLine({ orderNumber: `CMD-2026-${String(index).padStart(6, '0')}`, spendCents: index }),
      ),
      () => sampleTotals(),
      sampleMeta(),
      (rowsSoFar) => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        if (rowsSoFar === count) bytesAtLastBatch = existsSync(path) ? statSync(path).size : 0;
      },
    );
    const seconds = (performance.now() - started) / 1000;
    expect(rowCount).toBe(count);
    const growthMb = (rssPeak - rssBefore) / 2 ** 20;
    expect(growthMb).toBeLessThan(150);
    // The compressed rows reach the file while the lines stream, instead of waiting in memory for the end
    // (without the wait on the zip, nothing at all is on disk when the last batch is written).
    const finalBytes = (await stat(path)).size;
    expect(bytesAtLastBatch).toBeGreaterThan(finalBytes * 0.5);

    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'ignore',
      styles: 'ignore',
    });
    const rowsBySheet: number[] = [];
    let lastSpend: ExcelJS.CellValue = null;
    for await (const worksheet of reader) {
      let rows = 0;
      for await (const row of worksheet) {
        rows++;
        if (rowsBySheet.length === 0) lastSpend = row.getCell(RSE_HEADERS.indexOf('spend_eur_excl_vat') + 1).value;
      }
      rowsBySheet.push(rows);
    }
    expect(rowsBySheet[0]).toBe(count + 1);
    expect(lastSpend).toBe(199.99);
    expect(rowsBySheet).toHaveLength(2);
    console.log(
      `XLSX ${count} lines: ${(count / seconds).toFixed(0)} rows/s, ${((await stat(path)).size / 2 ** 20).toFixed(1)} MB, RSS growth ${growthMb.toFixed(1)} MB (peak ${(rssPeak / 2 ** 20).toFixed(0)} MB)`,
    );
    // Reading 20,000 rows back with exceljs's streaming reader takes most of it: 30 s at a load average of 17.
  }, 180_000);
});
