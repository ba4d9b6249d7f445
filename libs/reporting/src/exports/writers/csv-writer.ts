import type { RseLine } from '../../rse-line';
import { OutputFile } from './output-file';
import { RSE_COLUMNS, RSE_HEADERS, type RseColumn } from './rse-columns';
import { centsToDecimal, fixedDecimal, type OnBatch, quantityDecimal, type RseWriteResult } from './rse-format';

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

/** One line of the file: its cells joined by the separator (a loop, not an array of 51 cells per line). */
function csvRow(line: RseLine): string {
  try {
    let row = csvCell(RSE_COLUMNS[0], line);
    for (let index = 1; index < RSE_COLUMNS.length; index++) row += SEPARATOR + csvCell(RSE_COLUMNS[index], line);
    return row + EOL;
  } catch (error) {
    // Say which line is wrong: the figures come from stored footprints, and someone will have to find it.
    throw new Error(`RSE CSV: order ${line.orderNumber}, product "${line.productName}": ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Writes the lines to `path` as they come, one batch at a time: each batch becomes one string and one write, and
 * the next batch is only pulled once the file has taken it (backpressure), so memory does not grow with the
 * number of lines. On failure the partial file is removed and the error rethrown.
 */
export async function writeRseCsv(
  path: string,
  batches: AsyncIterable<readonly RseLine[]>,
  onBatch?: OnBatch,
): Promise<RseWriteResult> {
  const file = new OutputFile(path);
  let rowCount = 0;
  try {
    await file.write(BOM + RSE_HEADERS.join(SEPARATOR) + EOL);
    for await (const batch of batches) {
      let chunk = '';
      for (const line of batch) chunk += csvRow(line);
      if (chunk) await file.write(chunk);
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
