import { AppError } from '@app/platform';

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

/** The UTC offset of Paris at an instant, in minutes (60 in winter, 120 in summer). */
function parisOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' }).formatToParts(at).find((part) => part.type === 'timeZoneName')!.value;
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
}

/** Midnight in Paris at the start of `day` (YYYY-MM-DD), as an instant. */
export function parisMidnight(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(year, month - 1, date);
  return new Date(utcMidnight - parisOffsetMinutes(new Date(utcMidnight)) * 60_000);
}

/** The calendar day in Paris of an instant, YYYY-MM-DD. */
export const parisDay = (at: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** A report period of at most 366 days, its first day not after its last. */
export function reportPeriod(fromDay: string, toDay: string): ReportPeriod {
  const span = (Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS + 1;
  if (!(span >= 1)) throw AppError.badInput('to', 'The period ends before it starts.');
  if (span > MAX_DAYS) throw AppError.badInput('to', `A report covers at most ${MAX_DAYS} days; ask for one year at a time.`);
  const nextDay = new Date(Date.parse(`${toDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { fromDay, toDay, from: parisMidnight(fromDay), to: parisMidnight(nextDay) };
}
