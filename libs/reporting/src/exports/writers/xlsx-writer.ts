import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { onFirstUse } from '@app/platform';
import type { RseLine, RseLineBatch, RseTotals } from '../../rse-line';
import { OutputFile } from './output-file';
import { TextBytes } from './text-bytes';
import { XLSX_DEFLATE_LEVEL, ZipWriter, type ZipEntryStream } from './zip-writer';
import { RSE_COLUMNS, RSE_HEADERS, type RseColumn } from './rse-columns';
import {
  AVOIDED_EMISSIONS_LABEL,
  BOUNDARY_STATEMENT,
  categoryLabel,
  formatDate,
  formatGeneratedAt,
  NEGATIVE_SAVING_NOTE,
  type OnBatch,
  roundTo,
  type RseReportMeta,
  type RseWriteResult,
  shareOf,
  shortDecimal,
  vehicleLabel,
  VSME_NOTE,
} from './rse-format';

/**
 * The RSE export as a workbook (CARBON-METHOD.md §9): a "Lignes" sheet with one typed row per order line (the same
 * columns as the CSV) and a "Synthèse" sheet for the accountant, in French.
 *
 * exceljs's streaming writer serialises each row as soon as it is committed and forgets it, into our zip writer;
 * with the wait on the zip after each batch, memory depends on the batch size, not on the line count. Shared strings are off because that table
 * would hold every distinct text of the file in memory until the end.
 */

const LINES_SHEET = 'Lignes';
const SUMMARY_SHEET = 'Synthèse';

const FORMATS = {
  date: 'yyyy-mm-dd',
  euros: '#,##0.00',
  count: '0',
  share: '0.00%',
  quantity: '0.###',
  decimals: (digits: number) => `0.${'0'.repeat(digits)}`,
  kg: '#,##0.000',
};

/** "2026-03-01" → a date cell. UTC midnight is what exceljs turns into a whole Excel day number. */
const dateCell = (day: string): Date => new Date(`${day}T00:00:00Z`);

function columnFormat(column: RseColumn): string | undefined {
  switch (column.kind) {
    case 'date':
      return FORMATS.date;
    case 'money':
      return FORMATS.euros;
    case 'decimal':
      return FORMATS.decimals(column.digits);
    case 'quantity':
      return FORMATS.quantity;
    default:
      return undefined;
  }
}

/** exceljs, loaded with the first XLSX export (16 MB a worker that never writes one does not carry). */
const exceljs = onFirstUse(() => require('exceljs') as typeof ExcelJS);
/**
 * A text as XML character data, as exceljs writes it: the five markup characters escaped, and the control characters
 * XML 1.0 cannot carry (all but tab, line feed and carriage return) left out.
 */
// eslint-disable-next-line no-control-regex -- those control characters are exactly what must be removed
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
const xmlText = (text: string): string => text.replace(XML_SPECIAL, (special) => XML_ENTITIES[special] ?? '');

/** One style object per column (its number format), registered once with the workbook's styles. */
const COLUMN_STYLES: Partial<ExcelJS.Style>[] = RSE_COLUMNS.map((column) => {
  const numFmt = columnFormat(column);
  return numFmt ? { numFmt } : {};
});

/** "A", "B", … "AY": the column of each RSE column, for the cell references. */
const COLUMN_LETTERS = RSE_COLUMNS.map((_, index) => {
  let letters = '';
  for (let number = index + 1; number > 0; number = Math.floor((number - 1) / 26))
    letters = String.fromCharCode(65 + ((number - 1) % 26)) + letters;
  return letters;
});

/** Excel's day number of a UTC midnight (1900 date system), as exceljs computes it for a date cell. */
const excelDay = (date: Date): number => 25569 + date.getTime() / 86_400_000;

/** Day numbers of the days already seen ("2026-03-14" → "46095"): a report has a few hundred distinct days. */
const excelDays = new Map<string, string>();
function excelDayText(day: string): string {
  let text = excelDays.get(day);
  if (text === undefined) {
    text = String(excelDay(dateCell(day)));
    if (excelDays.size > 10_000) excelDays.clear();
    excelDays.set(day, text);
  }
  return text;
}

/** A text as XML character data; most have nothing to escape, found by one test instead of a replace. */
// eslint-disable-next-line no-control-regex -- the same characters as XML_SPECIAL
const XML_SPECIAL_ANY = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const xmlValue = (text: string): string => (XML_SPECIAL_ANY.test(text) ? xmlText(text) : text);

/** A cell's text in the sheet's XML: what exceljs would write for the value (a non-null one) in its column's kind. */
function cellText(column: RseColumn, value: string | number | boolean): string {
  switch (column.kind) {
    case 'text':
      return xmlValue(value as string);
    case 'date':
      return excelDayText(value as string);
    case 'money':
      return String((value as number) / 100);
    case 'decimal':
      return shortDecimal(value as number, column.digits);
    case 'quantity':
      return shortDecimal(value as number, 3);
    case 'boolean':
      return value ? '1' : '0';
  }
}

/** Set apart from every value, so that a column's first cell is always printed. */
const NOTHING_YET = Symbol('nothing printed yet');

/**
 * One line as the XML of its row in the "Lignes" sheet: the cells exceljs would write for the same values and
 * styles (a number, an inline `str` text, a `b` boolean, a date as its day number; an empty cell left out), built
 * as one string instead of a Row, a Cell and a model per value — what made an XLSX export several times slower
 * than a CSV one (51 cells a line). The fixed part of each cell (`<c r="AB`, then `" s="3" t="str"><v>`) is made
 * once per column; a figure is printed as `String(roundTo(…))` without the round trip through a number
 * (`shortDecimal`), a date as its day number once per distinct day; money is euros (cents / 100), a figure is
 * rounded as the CSV rounds it, so that the two files carry the same figures. A column's text is reused while its
 * value is the same (===) as the line before's: a supplier order's lines share most of theirs (buyer, producer,
 * vehicle, factor…), which are then neither escaped nor printed again — a speed-up only, never the content.
 */
function rowXmlWriter(styleIds: readonly number[]): (rowNumber: number, line: RseLine) => string {
  const cells = RSE_COLUMNS.map((column, index) => {
    const open = `<c r="${COLUMN_LETTERS[index]}`;
    const style = styleIds[index] ? ` s="${styleIds[index]}"` : '';
    const type = column.kind === 'text' ? ' t="str"' : column.kind === 'boolean' ? ' t="b"' : '';
    return { column, open, close: `"${style}${type}><v>`, value: NOTHING_YET as unknown, text: '' };
  });
  const end = '</v></c>';
  const rowHead = `" spans="1:${RSE_COLUMNS.length}" x14ac:dyDescent="0.25">`;
  return (rowNumber, line) => {
    let xml = `<row r="${rowNumber}${rowHead}`;
    for (const cell of cells) {
      const value = cell.column.value(line);
      if (value === null) continue;
      if (value !== cell.value) {
        // The text first: a value that cannot be printed leaves the previous pair as it was.
        cell.text = cellText(cell.column, value);
        cell.value = value;
      }
      xml += cell.open + rowNumber + cell.close + cell.text + end;
    }
    return `${xml}</row>`;
  };
}

/** Builds a row's XML, naming the line when one of its figures cannot be written (as the CSV does). */
function checkedRowXml(rowXml: (rowNumber: number, line: RseLine) => string, rowNumber: number, line: RseLine): string {
  try {
    return rowXml(rowNumber, line);
  } catch (error) {
    throw new Error(`RSE XLSX: order ${line.orderNumber}, product "${line.productName}": ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The cell type exceljs would see in a column, which decides the style it registers for it. */
function columnValueType(column: RseColumn): ExcelJS.ValueType {
  const { ValueType } = exceljs();
  switch (column.kind) {
    case 'date':
      return ValueType.Date;
    case 'text':
      return ValueType.String;
    case 'boolean':
      return ValueType.Boolean;
    default:
      return ValueType.Number;
  }
}

/** The lines sheet as exceljs's stream writer holds it: its output and the workbook's styles (internals, typed here). */
interface LinesSheetInternals {
  stream: ZipEntryStream;
  _rowZero: number;
}
interface WorkbookStyles {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number };
}

/** What exceljs's stream writer does with its zip (archiver): the part our `ZipWriter` stands in for. */
interface WorkbookPackaging {
  zip: EventEmitter & { append(source: unknown, options: { name: string }): unknown; finalize(): unknown };
  stream: NodeJS.WritableStream;
  promise: Promise<unknown>;
  _openStream(name: string): unknown;
  addThemes(): Promise<void>;
  addOfficeRels(): Promise<void>;
}

/**
 * exceljs's stream writer with its package written by our `ZipWriter` into `file` instead of archiver: exceljs still
 * writes every part (workbook, styles, theme, both sheets) as it did, only the zip around them changes. archiver is
 * what made the XLSX export 4–6 times slower than the CSV one: it deflated the sheet in small chunks through three
 * streams, and the writer had to wait for it after every batch or the uncompressed XML piled up in memory.
 *
 * These are exceljs 4.4's internals (the zip it creates in its constructor, `_openStream`, the two parts its
 * constructor adds): should a later exceljs change them, the tests beside this file read the workbook back and fail.
 */
function packagedBy(workbook: ExcelJS.stream.xlsx.WorkbookWriter, zip: ZipWriter, file: OutputFile): void {
  const internals = workbook as unknown as WorkbookPackaging;
  // The archiver the constructor made (writing to a sink) is dropped with the two parts it was given.
  const archiver = internals.zip as unknown as { abort(): void } & EventEmitter;
  archiver.on('error', () => undefined);
  archiver.abort();
  const adapter = Object.assign(new EventEmitter(), {
    append(source: unknown, { name }: { name: string }) {
      if (typeof source !== 'string' && !Buffer.isBuffer(source))
        throw new Error(`RSE XLSX: exceljs gave ${name} as a stream`);
      zip.add(name, source);
    },
    finalize() {
      zip.finish().catch((error: Error) => adapter.emit('error', error));
    },
  });
  internals.zip = adapter;
  // exceljs's commit resolves when this stream finishes: the file, ended by `zip.finish()`.
  internals.stream = file.stream;
  internals._openStream = (name: string) => {
    const entry = zip.stream(name);
    entry.on('finish', () => entry.emit('zipped'));
    return entry;
  };
  internals.promise = Promise.all([internals.addThemes(), internals.addOfficeRels()]);
}

/**
 * Writes the workbook to `path`. The lines are streamed batch by batch; `totals` is called only after the last
 * batch, because the caller accumulates them from the same stream. On failure the partial file is removed.
 */
export async function writeRseXlsx(
  path: string,
  batches: AsyncIterable<RseLineBatch>,
  totals: () => RseTotals,
  meta: RseReportMeta,
  onBatch?: OnBatch,
): Promise<RseWriteResult> {
  const file = new OutputFile(path);
  const zip = new ZipWriter(file, XLSX_DEFLATE_LEVEL, meta.generatedAt);
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({
    stream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    useStyles: true,
    useSharedStrings: false,
  });
  packagedBy(workbook, zip, file);
  workbook.creator = 'Ancrage';
  workbook.created = meta.generatedAt;
  let rowCount = 0;
  try {
    const lines = workbook.addWorksheet(LINES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    lines.columns = RSE_COLUMNS.map((column) => ({ width: column.width }));
    const header = lines.addRow([...RSE_HEADERS]);
    header.font = { bold: true };
    header.commit();
    lines.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: RSE_COLUMNS.length } };

    // The lines go straight into the sheet's XML after the header (exceljs has opened its data on committing it):
    // one buffer and one write a batch (one deflate run, as before). The styles are the workbook's own, registered as exceljs would for a cell.
    const sheet = lines as unknown as LinesSheetInternals;
    const styleIds = RSE_COLUMNS.map((column, index) =>
      (workbook as unknown as WorkbookStyles).styles.addStyleModel(COLUMN_STYLES[index], columnValueType(column)),
    );
    const rowXml = rowXmlWriter(styleIds);
    let rowNumber = sheet._rowZero;
    const xml = new TextBytes();
    for await (const batch of batches) {
      batch.forEach((line) => xml.append(checkedRowXml(rowXml, rowNumber++, line)));
      if (xml.byteLength) sheet.stream.write(xml.take());
      sheet._rowZero = rowNumber;
      rowCount += batch.length;
      // The batch is deflated while the next one is read and built; the one before it is in the file.
      await sheet.stream.drained();
      await onBatch?.(rowCount);
    }
    lines.commit();

    writeSummary(workbook.addWorksheet(SUMMARY_SHEET), totals(), meta);
    // exceljs ends the file itself once the zip is complete.
    await workbook.commit();
    await file.finished();
  } catch (error) {
    await file.discard();
    throw error;
  }
  return { rowCount };
}

// ---------------------------------------------------------------------------------------------------------------
// "Synthèse": label in column A, typed value in B, unit in C; tables use the columns they need.

type Cell = string | number | Date | null;
type Sheet = ExcelJS.Worksheet;

const SUMMARY_WIDTHS = [62, 20, 18, 18, 18, 18, 18];

function writeSummary(sheet: Sheet, totals: RseTotals, meta: RseReportMeta): void {
  sheet.columns = SUMMARY_WIDTHS.map((width) => ({ width }));
  const row = (cells: Cell[], formats: (string | undefined)[] = [], style: { bold?: boolean; size?: number } = {}) => {
    const added = sheet.addRow(cells);
    formats.forEach((format, index) => {
      if (format) added.getCell(index + 1).numFmt = format;
    });
    if (style.bold || style.size) added.font = { bold: style.bold, size: style.size };
    added.commit();
  };
  const blank = () => row([]);
  const section = (title: string) => {
    blank();
    row([title], [], { bold: true, size: 12 });
  };
  /** A labelled figure: label, value, unit. */
  const fact = (label: string, value: Cell, unit: string, format?: string) =>
    row([label, value, unit], [undefined, format]);
  /** A text too long for one cell: merged across the value columns and wrapped, so it reads as a paragraph. */
  const note = (label: string, text: string) => {
    const added = sheet.addRow([label, text]);
    sheet.mergeCells(added.number, 2, added.number, SUMMARY_WIDTHS.length);
    added.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    added.getCell(1).alignment = { vertical: 'top' };
    added.height = Math.max(15, Math.ceil(text.length / 95) * 15);
    added.commit();
  };
  const kg = (value: number) => roundTo(value, 3);
  const euros = (cents: number) => cents / 100;

  row(['Rapport RSE — transport des achats et empreinte carbone'], [], { bold: true, size: 14 });
  fact('Acheteur', meta.buyerName, '');
  fact('SIRET', meta.buyerSiret, '');
  fact('Début de période', dateCell(meta.periodFrom), '', FORMATS.date);
  fact('Fin de période', dateCell(meta.periodTo), '', FORMATS.date);
  fact('Période', `du ${formatDate(meta.periodFrom)} au ${formatDate(meta.periodTo)}`, '');
  fact('Rayon «\u00a0local\u00a0» (distance à vol d’oiseau producteur → site de livraison)', meta.localRadiusKm, 'km');
  fact('Généré le', formatGeneratedAt(meta.generatedAt), 'heure de Paris');

  section('Chiffres clés');
  fact('Dépenses HT', euros(totals.spendCents), '€', FORMATS.euros);
  fact(
    `Dépenses locales HT (producteurs à ${meta.localRadiusKm} km ou moins)`,
    euros(totals.localSpendCents),
    '€',
    FORMATS.euros,
  );
  fact('Part locale des dépenses', shareOf(totals.localSpendCents, totals.spendCents), '%', FORMATS.share);
  fact(
    'Dépenses HT en produits labellisés (marque de territoire)',
    euros(totals.labelledSpendCents),
    '€',
    FORMATS.euros,
  );
  fact('Part labellisée des dépenses', shareOf(totals.labelledSpendCents, totals.spendCents), '%', FORMATS.share);
  fact('Fournisseurs', totals.supplierCount, 'fournisseurs', FORMATS.count);
  fact('dont fournisseurs locaux', totals.localSupplierCount, 'fournisseurs', FORMATS.count);
  fact('Masse transportée', kg(totals.massKg), 'kg', FORMATS.kg);
  fact('Activité de transport', kg(totals.tkm), 't·km', FORMATS.kg);
  fact('Émissions du transport, du puits à la roue (WTW), total', kg(totals.emissionsKgCo2e), 'kgCO2e', FORMATS.kg);
  fact(
    'Part des émissions issues de données primaires (distances mesurées — ESRS E1 AR 46(g))',
    totals.primaryDataShare,
    '%',
    FORMATS.share,
  );
  fact(
    'Scénario de référence\u00a0: chaîne conventionnelle française (même masse, même catégorie)',
    kg(totals.baselineKgCo2e),
    'kgCO2e',
    FORMATS.kg,
  );

  section('GHG Protocol — par catégorie');
  fact(
    'Scope 3, catégorie 4 — Transport et distribution amont (véhicules des producteurs et transporteurs)',
    kg(totals.scope3Cat4KgCo2e),
    'kgCO2e',
    FORMATS.kg,
  );
  fact(
    'Scope 1 de l’acheteur — ses propres véhicules (enlèvements), pour information',
    kg(totals.scope1BuyerKgCo2e),
    'kgCO2e',
    FORMATS.kg,
  );
  row([
    'Scope 3, catégorie 1 — Biens achetés\u00a0: données d’activité pour vos propres facteurs (émissions de production non calculées ici)',
  ]);
  row(['Catégorie de produits', 'Code', 'Dépenses HT (€)', 'Masse (kg)'], [], { bold: true });
  for (const category of totals.byCategory) {
    row(
      [categoryLabel(category.category), category.category, euros(category.spendCents), kg(category.massKg)],
      [undefined, undefined, FORMATS.euros, FORMATS.kg],
    );
  }
  row(
    ['Total catégorie 1', '', euros(totals.spendCents), kg(totals.massKg)],
    [undefined, undefined, FORMATS.euros, FORMATS.kg],
    { bold: true },
  );

  section('BEGES (v5) — par poste');
  fact(
    'Poste 3.1 — Transport de marchandises amont (Scope 3, cat. 4)',
    kg(totals.scope3Cat4KgCo2e),
    'kgCO2e',
    FORMATS.kg,
  );
  fact(
    'Poste 1.2 — Sources mobiles de l’acheteur (pour information\u00a0: déjà dans ses achats de carburant)',
    kg(totals.scope1BuyerKgCo2e),
    'kgCO2e',
    FORMATS.kg,
  );
  fact(
    'Poste 4.1 — Achats de biens\u00a0: dépenses HT (données d’activité, voir catégorie 1)',
    euros(totals.spendCents),
    '€',
    FORMATS.euros,
  );

  section('Par type de véhicule');
  row(['Véhicule', 'Code', 'Activité (t·km)', 'Émissions WTW (kgCO2e)'], [], { bold: true });
  for (const vehicle of totals.byVehicle) {
    row(
      [vehicleLabel(vehicle.vehicleId), vehicle.vehicleId, kg(vehicle.tkm), kg(vehicle.emissionsKgCo2e)],
      [undefined, undefined, FORMATS.kg, FORMATS.kg],
    );
  }
  row(['Total', '', kg(totals.tkm), kg(totals.emissionsKgCo2e)], [undefined, undefined, FORMATS.kg, FORMATS.kg], {
    bold: true,
  });

  section('Par catégorie de produits');
  row(
    [
      'Catégorie de produits',
      'Code',
      'Dépenses HT (€)',
      'Masse (kg)',
      'Émissions WTW (kgCO2e)',
      'Référence (kgCO2e)',
      'Écart référence − réel (kgCO2e)',
    ],
    [],
    { bold: true },
  );
  const categoryFormats = [undefined, undefined, FORMATS.euros, FORMATS.kg, FORMATS.kg, FORMATS.kg, FORMATS.kg];
  for (const category of totals.byCategory) {
    row(
      [
        categoryLabel(category.category),
        category.category,
        euros(category.spendCents),
        kg(category.massKg),
        kg(category.emissionsKgCo2e),
        kg(category.baselineKgCo2e),
        kg(category.savedKgCo2e),
      ],
      categoryFormats,
    );
  }
  row(
    [
      'Total',
      '',
      euros(totals.spendCents),
      kg(totals.massKg),
      kg(totals.emissionsKgCo2e),
      kg(totals.baselineKgCo2e),
      kg(totals.savedKgCo2e),
    ],
    categoryFormats,
    { bold: true },
  );

  // Apart from the inventory, on its own line and labelled so, as WBCSD (2023) asks of avoided emissions.
  section('Comparaison avec la chaîne conventionnelle (hors inventaire)');
  fact(AVOIDED_EMISSIONS_LABEL, kg(totals.savedKgCo2e), 'kgCO2e', FORMATS.kg);
  if (totals.savedKgCo2e < 0) note('Écart négatif', NEGATIVE_SAVING_NOTE);

  section('Méthode et périmètre');
  note('Périmètre', BOUNDARY_STATEMENT);
  note(
    'Méthode',
    'ISO 14083:2023 / GLEC Framework\u00a0: activité de transport (t·km) et émissions du puits à la roue, facteurs officiels français (arrêté du 10 avril 2012, gazole ADEME Base Carbone).',
  );
  note(
    'Version(s) de la méthode et des facteurs',
    totals.methodVersions.length ? totals.methodVersions.join(', ') : 'aucune ligne sur la période',
  );
  note('VSME', VSME_NOTE);
  sheet.commit();
}
