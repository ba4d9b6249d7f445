import type { RseLine, RseLineBatch } from '../../rse-line';
import { OutputFile } from './output-file';
import { RSE_COLUMNS, RSE_HEADERS, type RseColumn } from './rse-columns';
import { centsToDecimal, fixedDecimal, type OnBatch, quantityDecimal, type RseWriteResult } from './rse-format';
import { TextBytes } from './text-bytes';

/**
 * The line-level RSE export as CSV (CARBON-METHOD.md §9): UTF-8 with a BOM (so that Excel reads the accents), `;`
 * as separator (what French Excel expects) but a decimal *point* (so that scripts and any locale parse the figures
 * the same way), RFC 4180 quoting, CRLF line ends.
 */

const SEPARATOR = ';';
const EOL = '\r\n';
const BOM = '\uFEFF';

/** RFC 4180: a field holding the separator, a quote or a line break is quoted, its quotes doubled. */
const NEEDS_QUOTES = /[;"\r\n]/;

/**
 * A text that Excel would read as a formula (=, +, -, @, or a leading tab/CR) gets a leading apostrophe (OWASP
 * "CSV injection"): product and producer names are typed by other organizations, and the buyer opens this file.
 * Figures are never affected: they are printed by this writer, not taken from user text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The first characters that may start a formula (=, +, -, @, tab, CR): most texts start otherwise, seen at once. */
const FORMULA_FIRST = new Set([61, 43, 45, 64, 9, 13]);

function csvField(text: string): string {
  const safe = FORMULA_FIRST.has(text.charCodeAt(0)) && FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvCell(column: RseColumn, line: RseLine): string {
  switch (column.kind) {
    case 'text': {
      const value = column.value(line);
      return value === null ? '' : csvField(value);
    }
    case 'date':
      return csvField(column.value(line));
    case 'money':
      return centsToDecimal(column.value(line));
    case 'decimal': {
      const value = column.value(line);
      return value === null ? '' : fixedDecimal(value, column.digits);
    }
    case 'quantity':
      return quantityDecimal(column.value(line));
    case 'boolean': {
      const value = column.value(line);
      return value === null ? '' : String(value);
    }
  }
}

/**
 * The columns whose values a supplier order's lines share (buyer, period, order, producer, vehicle, distance,
 * factor…), in runs of adjacent columns. Only a speed-up: a run's text is reused when every one of its values is
 * the same (===) as on the line before, so a wrong guess here costs time, never content.
 */
const SHARED_COLUMNS = new Set([
  'buyer_name',
  'buyer_siret',
  'site_insee_code',
  'period_from',
  'period_to',
  'order_number',
  'ordered_on',
  'delivered_on',
  'producer_name',
  'producer_siret',
  'producer_insee_code',
  'local',
  'delivery_mode',
  'vehicle_id',
  'vehicle_assumed',
  'vehicle_energy',
  'temperature_controlled',
  'ghg_scope',
  'gcd_km',
  'distance_km',
  'distance_type',
  'circuity_factor',
  'daf_factor',
  'empty_return_factor',
  'round_id',
  'allocation_method',
  'factor_id',
  'factor_value',
  'factor_unit',
  'factor_source',
  'factor_year',
  'method_version',
  'data_tier',
  'data_source',
  'data_quality',
]);

/**
 * A run of adjacent columns printed together: one column of a line's own, or several a supplier order's lines share.
 * A line's own column is reused the same way (its category, unit or baseline often repeat the line before's).
 */
interface ColumnRun {
  columns: readonly RseColumn[];
  /** The values the run's text was last printed from, and that text (its leading separator included). */
  values: unknown[];
  text: string | undefined;
}

/** The file's line printer: remembers each shared run's last values and text (one per export). */
function csvRowWriter(): (line: RseLine) => string {
  const runs: ColumnRun[] = [];
  for (const column of RSE_COLUMNS) {
    const last = runs.at(-1);
    if (last && SHARED_COLUMNS.has(column.header) && SHARED_COLUMNS.has(last.columns[0].header))
      (last.columns as RseColumn[]).push(column);
    else runs.push({ columns: [column], values: [], text: undefined });
  }
  const print = (run: ColumnRun, line: RseLine, first: boolean): string => {
    const { columns, values } = run;
    let same = run.text !== undefined;
    for (let index = 0; index < columns.length; index++) {
      const value = columns[index].value(line);
      if (value !== values[index]) {
        values[index] = value;
        same = false;
      }
    }
    if (same) return run.text!;
    // Forgotten until printed again: a cell that throws must not leave the previous text to be reused.
    run.text = undefined;
    let text = first ? '' : SEPARATOR;
    for (let index = 0; index < columns.length; index++)
      text += (index ? SEPARATOR : '') + csvCell(columns[index], line);
    return (run.text = text);
  };
  return (line) => {
    try {
      let row = print(runs[0], line, true);
      for (let index = 1; index < runs.length; index++) row += print(runs[index], line, false);
      return row + EOL;
    } catch (error) {
      // Say which line is wrong: the figures come from stored footprints, and someone will have to find it.
      throw new Error(
        `RSE CSV: order ${line.orderNumber}, product "${line.productName}": ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  };
}

/**
 * Writes the lines to `path` as they come, one batch at a time: each batch becomes one buffer and one write, and
 * the next batch is only pulled once the file has taken it (backpressure), so memory does not grow with the
 * number of lines. On failure the partial file is removed and the error rethrown.
 */
export async function writeRseCsv(
  path: string,
  batches: AsyncIterable<RseLineBatch>,
  onBatch?: OnBatch,
): Promise<RseWriteResult> {
  const file = new OutputFile(path);
  const csvRow = csvRowWriter();
  let rowCount = 0;
  try {
    await file.write(BOM + RSE_HEADERS.join(SEPARATOR) + EOL);
    const chunk = new TextBytes();
    for await (const batch of batches) {
      batch.forEach((line) => chunk.append(csvRow(line)));
      if (chunk.byteLength) await file.write(chunk.take());
      rowCount += batch.length;
      await onBatch?.(rowCount);
    }
    await file.close();
  } catch (error) {
    await file.discard();
    throw error;
  }
  return { rowCount };
}
