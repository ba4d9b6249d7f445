import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { PDFParse } from 'pdf-parse';
import { writeRsePdf } from './pdf-writer';
import { sampleMeta, sampleTotals } from './testing/rse-samples';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rse-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Whole text and per-page text, with every kind of space as one plain space so French figures compare simply. */
async function textOf(path: string): Promise<{ text: string; pages: string[] }> {
  const parser = new PDFParse({ data: new Uint8Array(await readFile(path)) });
  try {
    const result = await parser.getText();
    const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');
    return { text: plain(result.text), pages: result.pages.map((page) => plain(page.text)) };
  } finally {
    await parser.destroy();
  }
}

describe('writeRsePdf', () => {
  it('prints the period, the buyer and the key figures, with the signed saving and ADEME’s caveat', async () => {
    const path = join(dir, 'report.pdf');
    const { pageCount } = await writeRsePdf(path, sampleTotals(), sampleMeta());
    expect((await readFile(path)).subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await textOf(path);

    expect(pages).toHaveLength(pageCount);
    for (const mention of [
      'Rapport RSE — transport des achats',
      'Période : du 01/01/2026 au 31/12/2026',
      'Bistrot des Lacs',
      'SIRET : 523 456 789 00027',
      'Généré le 5 janvier 2027 à 09:30',
      // key figures
      'Dépenses HT 12 345,67 €',
      '9 876,54 € — 80,0 %',
      '4 567,89 € — 37,0 %',
      'Fournisseurs 20, dont 11 locaux',
      'Masse transportée 4 321,5 kg',
      '612,35 t·km',
      '1 234,75 kgCO2e',
      '1 100,25 kgCO2e',
      '134,50 kgCO2e',
      '31,3 %',
      '405,60 kgCO2e',
      'Écart signé (référence − transport réel) -829,15 kgCO2e',
      'ne sont pas automatiquement moins émetteurs',
      'ne se déduit jamais des émissions du Scope 3',
    ]) {
      expect(text).toContain(mention);
    }
  });

  it('has a table by category, the top 15 suppliers then the others, and the monthly chart', async () => {
    const path = join(dir, 'tables.pdf');
    await writeRsePdf(path, sampleTotals(), sampleMeta());
    const { text } = await textOf(path);

    expect(text).toContain('2. Par catégorie de produits');
    expect(text).toContain('Légumes frais 6 123,45 € 2 500,0 700,50 231,75 -468,75');
    expect(text).toContain('Total 12 345,67 € 4 321,5 1 234,75 405,60 -829,15');
    expect(text).toContain('3. Principaux fournisseurs');
    expect(text).toContain('Ferme du Haut-Jura');
    expect(text).toContain('412 345 678 00001');
    expect(text).toContain('Producteur 15');
    expect(text).not.toContain('Producteur 19');
    expect(text).toContain('Autres (5 fournisseurs)');
    expect(text).toContain('4. Émissions du transport et référence, par mois');
    expect(text).toContain('Transport réel (WTW)');
    expect(text).toContain('01/26');
    expect(text).toContain('12/26');
    expect(text).toContain('Mois le plus émetteur : décembre 2026');
  });

  it('states the method and its caveats, with the versions used', async () => {
    const path = join(dir, 'method.pdf');
    await writeRsePdf(
      path,
      sampleTotals({ methodVersions: ['1.0/1.0.0+3f9a1c2b', '1.0/1.0.1+77aa00ee'] }),
      sampleMeta(),
    );
    const { text } = await textOf(path);

    for (const mention of [
      '5. Méthode et limites',
      'ISO 14083:2023 et GLEC Framework',
      'vol d’oiseau × 1,30',
      '× 1,05',
      'retour à vide',
      'masse × distance',
      'AGRIBALYSE 3.1',
      '1.0/1.0.0+3f9a1c2b, 1.0/1.0.1+77aa00ee',
      'comparatif (WBCSD 2023)',
      'B3',
    ]) {
      expect(text).toContain(mention);
    }
  });

  it('prints a no-break space before « : » and « ; » and inside « », as French typography wants', async () => {
    // The strings handed to pdfkit, as written: the extracted text cannot tell a no-break space from a plain one
    // (DejaVu draws both with one glyph), but pdfkit never breaks a line at a no-break space.
    const text = jest.spyOn(PDFDocument.prototype, 'text');
    let printed: string[];
    try {
      await writeRsePdf(join(dir, 'typography.pdf'), sampleTotals({ savedKgCo2e: -10 }), sampleMeta());
      printed = text.mock.calls.map(([value]) => String(value));
    } finally {
      text.mockRestore();
    }

    expect(printed).toContain('Période\u00a0: du 01/01/2026 au 31/12/2026');
    expect(printed.join('\n')).toContain('(«\u00a0émissions évitées\u00a0», WBCSD 2023)\u00a0:');
    expect(printed.join('\n')).toContain('Norme\u00a0: ISO 14083:2023');
    expect(printed.join('\n')).toContain('L’écart est négatif\u00a0:');
    expect(printed.filter((value) => /[^\d] [:;!?](\s|$)|^[:;!?]|« | »/.test(value))).toEqual([]);
  });

  it('leaves out the caveat when the saving is positive, and copes with an empty period', async () => {
    const path = join(dir, 'empty.pdf');
    const empty = sampleTotals({
      spendCents: 0,
      localSpendCents: 0,
      labelledSpendCents: 0,
      supplierCount: 0,
      localSupplierCount: 0,
      savedKgCo2e: 0,
      byCategory: [],
      byVehicle: [],
      bySupplier: [],
      byMonth: [],
      methodVersions: [],
    });
    await writeRsePdf(path, empty, sampleMeta({ buyerSiret: null }));
    const { text } = await textOf(path);
    expect(text).toContain('Dépenses HT 0,00 €');
    expect(text).toContain('0,00 € — 0,0 %');
    expect(text).toContain('Aucune livraison sur la période.');
    expect(text).not.toContain('SIRET');
    expect(text).not.toContain('automatiquement moins émetteurs');
  });

  it('paginates long content without overflow: every page carries its own footer, none is blank', async () => {
    const path = join(dir, 'long.pdf');
    const long = 'Coopérative agricole des producteurs réunis du plateau et de la vallée '.repeat(6);
    const totals = sampleTotals({
      bySupplier: Array.from({ length: 40 }, (_, index) => ({
        producerName: `${long}${index}`,
        producerSiret: '41234567800012',
        spendCents: 100_000 - index,
        creditedCents: 0,
        massKg: 10,
        emissionsKgCo2e: 1,
        savedKgCo2e: 1,
        local: true,
      })),
      methodVersions: Array.from({ length: 30 }, (_, index) => `1.0/1.0.${index}+deadbeef`),
    });
    const { pageCount } = await writeRsePdf(path, totals, sampleMeta());
    const { pages } = await textOf(path);

    expect(pageCount).toBeGreaterThan(2);
    expect(pages).toHaveLength(pageCount);
    pages.forEach((page, index) => {
      // pdfkit adds a page by itself when text goes past the bottom margin: a stray page would lack its footer
      // or be empty apart from it.
      expect(page).toContain(`page ${index + 1} / ${pageCount}`);
      expect(page.replace(/Ancrage — Rapport RSE.*page \d+ \/ \d+/, '').trim().length).toBeGreaterThan(20);
    });
    // Long names are cut with an ellipsis rather than spilling over the next row.
    expect(pages.join(' ')).toContain('…');
  });

  it('fails cleanly when the file cannot be created', async () => {
    const path = join(dir, 'missing-dir', 'report.pdf');
    await expect(writeRsePdf(path, sampleTotals(), sampleMeta())).rejects.toThrow(/ENOENT/);
    expect(existsSync(path)).toBe(false);
  });
});
