/** Calendar days (YYYY-MM-DD) as the journeys compute them: noon UTC, so no clock change moves a day. */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (day: string): number => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
