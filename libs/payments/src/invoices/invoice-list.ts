import { AppError, parisDay, parisMidnight } from '@app/platform';

/** Which side of an invoice an organization is on: the producer that issued it, or the buyer that received it. */
export enum InvoiceDirection {
  ISSUED = 'ISSUED',
  RECEIVED = 'RECEIVED',
}

/** Where a page of invoices (newest issued first) stopped: the issue instant and id of its last row. */
export interface InvoiceCursor {
  issuedAt: Date;
  id: string;
}

export const encodeInvoiceCursor = ({ issuedAt, id }: InvoiceCursor): string =>
  Buffer.from(`${issuedAt.toISOString()}|${id}`).toString('base64url');

export function decodeInvoiceCursor(cursor: string): InvoiceCursor {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const issuedAt = new Date(iso ?? '');
  if (!id || Number.isNaN(issuedAt.getTime()))
    throw AppError.badInput('after', 'This cursor does not come from this list.');
  return { issuedAt, id };
}

/** The keyset condition "after this cursor" for rows sorted by issuedAt then id, both descending. */
export const afterInvoiceCursor = ({ issuedAt, id }: InvoiceCursor) => ({
  $or: [{ issuedAt: { $lt: issuedAt } }, { issuedAt, id: { $lt: id } }],
});

export function checkedInvoicePageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw AppError.badInput('first', 'Ask for between 1 and 100 invoices at a time.');
  return first;
}

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The [from, to) instants of a period of Paris issue dates, either end open: Paris midnight of the first day,
 * Paris midnight after the last. A period that ends before it starts is refused on `to`.
 */
export function issuePeriod(fromDay?: string | null, toDay?: string | null): { from?: Date; to?: Date } {
  if (fromDay && toDay && toDay < fromDay) throw AppError.badInput('to', 'The period ends before it starts.');
  return { from: fromDay ? parisMidnight(fromDay) : undefined, to: toDay ? parisMidnight(nextDay(toDay)) : undefined };
}

export interface MonthBucket {
  /** YYYY-MM, in Paris. */
  month: string;
  /** Paris midnight of the 1st of the month. */
  start: Date;
  /** Paris midnight of the 1st of the next month. */
  end: Date;
}

const monthAfter = (month: string): string => {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
};

/** The Paris months from the one holding `first` to the one holding `last` (instants), in order. */
export function parisMonthsBetween(first: Date, last: Date): MonthBucket[] {
  const months: MonthBucket[] = [];
  const lastMonth = parisDay(last).slice(0, 7);
  for (let month = parisDay(first).slice(0, 7); month <= lastMonth; month = monthAfter(month)) {
    months.push({ month, start: parisMidnight(`${month}-01`), end: parisMidnight(`${monthAfter(month)}-01`) });
  }
  return months;
}
