/**
 * Delivery days: a delivery option delivers on some weekdays (1 = Monday … 7 = Sunday), and orders for a day close
 * `cutoffHours` before that day starts, in the territory's time zone (Europe/Paris). The cut-off is counted on the
 * wall clock: 24 h before a Monday closes orders at midnight between Saturday and Sunday, even on the night the
 * clocks change; 36 h closes them at noon two days before.
 *
 * Pure: the clock (`now`) and the time zone are arguments, so checkout, the cart quote, the producer's page and a
 * daily job all agree, and tests can stand on any day.
 */

export const DELIVERY_TIME_ZONE = 'Europe/Paris';

/** How far ahead a delivery date may be chosen, in days. */
export const DELIVERY_HORIZON_DAYS = 366;

/** The longest cut-off a producer may set: two weeks. */
export const MAX_CUTOFF_HOURS = 14 * 24;

export interface DeliveryCalendar {
  /** ISO weekdays, 1 = Monday … 7 = Sunday; none: the option has no delivery days (any day, no date asked). */
  weekdays: readonly number[];
  /** Hours before the delivery day starts (wall clock) when orders for it close. */
  cutoffHours: number;
  /** Days (YYYY-MM-DD) of its weekdays the producer closed (holidays, a market day): no delivery then. */
  closedDates?: readonly string[];
}

/**
 * Why a date cannot be chosen: not one of the option's days (or too far ahead), a day the producer closed, or its
 * orders are closed.
 */
export type DeliveryDateRefusal = 'NOT_OPEN' | 'CLOSED' | 'PAST_CUTOFF';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time of an instant in the zone, as milliseconds of a UTC calendar (the zone's clock read as UTC). */
function wallClockMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    wallClockFormat(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  );
  return (
    Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) +
    (((at.getTime() % 1000) + 1000) % 1000)
  );
}

/**
 * The instant the zone's clocks show `wallMs` (a wall-clock time read as UTC). In the hour skipped in spring, the
 * instant an hour later on the clock; in the hour repeated in autumn, the first one (as Temporal's "compatible").
 */
export function instantOfWallClock(wallMs: number, timeZone: string = DELIVERY_TIME_ZONE): Date {
  const offsetBefore = wallClockMs(new Date(wallMs - 86_400_000), timeZone) - (wallMs - 86_400_000);
  const offsetAfter = wallClockMs(new Date(wallMs + 86_400_000), timeZone) - (wallMs + 86_400_000);
  // The earlier candidate first: in a repeated hour both read back right, and the first occurrence wins.
  const candidates = [wallMs - Math.max(offsetBefore, offsetAfter), wallMs - Math.min(offsetBefore, offsetAfter)];
  for (const candidate of candidates)
    if (wallClockMs(new Date(candidate), timeZone) === wallMs) return new Date(candidate);
  // A skipped hour: the clock before the change, moved forward.
  return new Date(wallMs - offsetBefore);
}

/** YYYY-MM-DD of a UTC-calendar millisecond value. */
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The calendar day in the zone of an instant, YYYY-MM-DD. */
export const localDay = (at: Date, timeZone: string = DELIVERY_TIME_ZONE): string => dayOf(wallClockMs(at, timeZone));

/** YYYY-MM-DD → milliseconds of its midnight on a UTC calendar; null when it is not a real date. */
function dayMs(day: string): number | null {
  const match = DATE.exec(day);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dayOf(ms) === day ? ms : null;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (day: string): number => {
  const ms = dayMs(day);
  if (ms === null) throw new Error(`Not a date: ${day}`);
  return ((new Date(ms).getUTCDay() + 6) % 7) + 1;
};

/** When orders for a delivery on `day` close: `cutoffHours` on the wall clock before the day starts. */
export function orderingClosesAt(day: string, cutoffHours: number, timeZone: string = DELIVERY_TIME_ZONE): Date {
  const ms = dayMs(day);
  if (ms === null) throw new Error(`Not a date: ${day}`);
  return instantOfWallClock(ms - cutoffHours * 3_600_000, timeZone);
}

/** Why `day` cannot be chosen for a delivery ordered at `now`, or null when it can. */
export function deliveryDateRefusal(
  day: string,
  calendar: DeliveryCalendar,
  now: Date,
  timeZone: string = DELIVERY_TIME_ZONE,
): DeliveryDateRefusal | null {
  const ms = dayMs(day);
  if (ms === null || !calendar.weekdays.includes(isoWeekday(day))) return 'NOT_OPEN';
  const today = dayMs(localDay(now, timeZone))!;
  if (ms > today + DELIVERY_HORIZON_DAYS * 86_400_000) return 'NOT_OPEN';
  if (now.getTime() >= orderingClosesAt(day, calendar.cutoffHours, timeZone).getTime()) return 'PAST_CUTOFF';
  return calendar.closedDates?.includes(day) ? 'CLOSED' : null;
}

/** The next `first` days a delivery can still be ordered for at `now`, soonest first; none without weekdays. */
export function nextDeliveryDates(
  now: Date,
  calendar: DeliveryCalendar,
  first = 6,
  timeZone: string = DELIVERY_TIME_ZONE,
): string[] {
  const dates: string[] = [];
  if (calendar.weekdays.length === 0 || first <= 0) return dates;
  const today = dayMs(localDay(now, timeZone))!;
  for (let offset = 0; offset <= DELIVERY_HORIZON_DAYS && dates.length < first; offset++) {
    const day = dayOf(today + offset * 86_400_000);
    if (deliveryDateRefusal(day, calendar, now, timeZone) === null) dates.push(day);
  }
  return dates;
}

/** The closed days from today on (Paris), ascending and each once: what a producer's list of closures keeps. */
export function upcomingClosedDates(
  closedDates: readonly string[],
  now: Date,
  timeZone: string = DELIVERY_TIME_ZONE,
): string[] {
  const today = localDay(now, timeZone);
  return [...new Set(closedDates)].filter((day) => day >= today).sort();
}
