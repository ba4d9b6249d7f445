import { isoWeekday, localDay, orderingClosesAt } from '@app/catalog';

/**
 * When a standing order delivers, and when each of its deliveries is placed. Pure: the clock is an argument.
 *
 * A standing order delivers on its weekdays from `startsOn` to `endsOn` (inclusive; open-ended when null). Each
 * occurrence is placed as an ordinary order during the day before its orders close — `PLACE_AHEAD_HOURS` before the
 * earliest cut-off of its producers' delivery options — so its stock is taken as late as it can be, and it is still
 * on time when the job that places it runs every quarter of an hour.
 */
export interface StandingSchedule {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
  startsOn: string;
  endsOn: string | null;
}

/** How long before its orders close an occurrence is placed. */
export const PLACE_AHEAD_HOURS = 24;

const DAY_MS = 86_400_000;

/** YYYY-MM-DD plus `days` days. */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The schedule's delivery dates among the `days` days from `from` (inclusive), in order. */
export function scheduledDates(schedule: StandingSchedule, from: string, days: number): string[] {
  const dates: string[] = [];
  for (let offset = 0; offset < days; offset++) {
    const day = addDays(from, offset);
    if (day < schedule.startsOn) continue;
    if (schedule.endsOn !== null && day > schedule.endsOn) break;
    if (schedule.weekdays.includes(isoWeekday(day))) dates.push(day);
  }
  return dates;
}

/** Days to look ahead so that a date whose orders close `cutoffHours` before it is seen a day before that. */
const lookAheadDays = (cutoffHours: number): number => Math.ceil((cutoffHours + PLACE_AHEAD_HOURS) / 24) + 2;

/** The delivery dates to place at `now`: their orders close within the next PLACE_AHEAD_HOURS and are not closed yet. */
export function dueDates(schedule: StandingSchedule, cutoffHours: number, now: Date): string[] {
  return scheduledDates(schedule, localDay(now), lookAheadDays(cutoffHours)).filter((day) => {
    const closesInMs = orderingClosesAt(day, cutoffHours).getTime() - now.getTime();
    return closesInMs > 0 && closesInMs <= PLACE_AHEAD_HOURS * 3_600_000;
  });
}

/** The next `first` delivery dates whose orders are still open at `now` (placed already or not), soonest first. */
export function upcomingDates(schedule: StandingSchedule, cutoffHours: number, now: Date, first: number): string[] {
  const dates: string[] = [];
  let from = localDay(now);
  // Week by week, up to a year: enough for any schedule with at least one weekday.
  for (let week = 0; week < 53 && dates.length < first; week++, from = addDays(from, 7)) {
    for (const day of scheduledDates(schedule, from, 7)) {
      if (dates.length < first && orderingClosesAt(day, cutoffHours).getTime() > now.getTime()) dates.push(day);
    }
  }
  return dates;
}
