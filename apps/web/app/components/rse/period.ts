import type { FormError } from '../../lib/api-error';

/** A report's period as the pages ask the API for it: two days (YYYY-MM-DD, Paris), both included. */
export interface ReportPeriod {
  from: string;
  to: string;
}

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** This calendar year up to today, in Paris: the default period of the RSE report and the brand's dashboard. */
export function yearToDate(now = new Date()): ReportPeriod {
  const to = parisDay.format(now);
  return { from: `${to.slice(0, 4)}-01-01`, to };
}

/** A real calendar day written YYYY-MM-DD (what `<input type="date">` sends). */
const isDay = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

const badDay = (field: 'from' | 'to'): FormError => ({
  message: 'Saisissez une date complète\u00a0: jour, mois et année.',
  code: 'BAD_USER_INPUT',
  field,
});

/**
 * The period of the address (`?du=` and `?au=`), this year to date for what is left out. A malformed day is told
 * next to its field here: the API's Date scalar would refuse it without naming the field. Longer periods and
 * reversed ones are the API's to refuse (it knows its limit).
 */
export function periodOf(params: URLSearchParams, now = new Date()): { period: ReportPeriod; error: FormError | null } {
  const fallback = yearToDate(now);
  const period = { from: params.get('du') || fallback.from, to: params.get('au') || fallback.to };
  const error = !isDay(period.from) ? badDay('from') : !isDay(period.to) ? badDay('to') : null;
  return { period, error };
}

/** The period's months (YYYY-MM), in order: the rows of a chart by month, months without deliveries included. */
export function monthsOf(period: ReportPeriod): string[] {
  const months: string[] = [];
  let [year, month] = period.from.slice(0, 7).split('-').map(Number);
  const last = period.to.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    months.push(current);
    if (current >= last || months.length > 24) return months;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}
