/**
 * Ancrage's calendar is France's: invoice years, report periods, "the same day" of a delivery round and daily jobs
 * all follow Europe/Paris, whatever the server's time zone. The formatters are built once (creating one costs far
 * more than using it, and exports format a date per line).
 */
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const PARIS_OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' });

/** The calendar day in Paris of an instant, YYYY-MM-DD. */
export const parisDay = (at: Date): string => PARIS_DAY.format(at);

/** The UTC offset of Paris at an instant, in minutes (60 in winter, 120 in summer). */
function parisOffsetMinutes(at: Date): number {
  const name = PARIS_OFFSET.formatToParts(at).find((part) => part.type === 'timeZoneName')!.value;
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
}

/** Midnight in Paris at the start of `day` (YYYY-MM-DD), as an instant. */
export function parisMidnight(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(year, month - 1, date);
  return new Date(utcMidnight - parisOffsetMinutes(new Date(utcMidnight)) * 60_000);
}
