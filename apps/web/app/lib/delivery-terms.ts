/** The words of a delivery option's terms, as the producer's page and the buyer's pages say them. */

/** ISO weekdays (1 = Monday) and their French names. */
export const WEEKDAYS: [number, string][] = [
  [1, 'lundi'],
  [2, 'mardi'],
  [3, 'mercredi'],
  [4, 'jeudi'],
  [5, 'vendredi'],
  [6, 'samedi'],
  [7, 'dimanche'],
];

/** "mardi et vendredi", "lundi, mercredi et samedi". */
export function weekdaysText(weekdays: readonly number[]): string {
  const names = WEEKDAYS.filter(([day]) => weekdays.includes(day)).map(([, name]) => name);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} et ${names.at(-1)}` : (names[0] ?? '');
}

/** When orders close, as a producer says it: "la veille à minuit", "2 jours avant, à 12 h". */
export function cutoffText(hours: number): string {
  if (hours === 0) return 'jusqu’au jour même, minuit';
  const days = Math.ceil(hours / 24);
  const clock = (days * 24 - hours) % 24;
  const when = days === 1 ? 'la veille' : `${days} jours avant`;
  return `${hours} h avant\u00a0: ${when} à ${clock === 0 ? 'minuit' : `${clock} h`}`;
}
