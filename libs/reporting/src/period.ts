import { AppError, parisMidnight } from '@app/platform';

export interface ReportPeriod {
  /** YYYY-MM-DD, inclusive, as asked. */
  fromDay: string;
  toDay: string;
  /** [from, to) instants: Paris midnight of the first day, Paris midnight after the last. */
  from: Date;
  to: Date;
}

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** A report period of at most 366 days, its first day not after its last. */
export function reportPeriod(fromDay: string, toDay: string): ReportPeriod {
  const span = (Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS + 1;
  if (!(span >= 1)) throw AppError.badInput('to', 'The period ends before it starts.');
  if (span > MAX_DAYS)
    throw AppError.badInput('to', `A report covers at most ${MAX_DAYS} days; ask for one year at a time.`);
  const nextDay = new Date(Date.parse(`${toDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { fromDay, toDay, from: parisMidnight(fromDay), to: parisMidnight(nextDay) };
}
