import type { CarbonFootprint } from '@app/carbon';

/** The months (YYYY-MM) a period of days (YYYY-MM-DD, inclusive) touches, in order. */
export function monthsBetween(fromDay: string, toDay: string): string[] {
  const months: string[] = [];
  let [year, month] = fromDay.slice(0, 7).split('-').map(Number);
  const last = toDay.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    months.push(current);
    if (current >= last) return months;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/** The first day (YYYY-MM-DD) of the month after `month` (YYYY-MM). */
export function nextMonthFirstDay(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, '0')}-01`;
}

/** A decision of the brand as the monthly counts replay it: which subject, to which status, when. */
export interface DecisionEvent {
  subjectId: string;
  toStatus: string;
  decidedAt: Date;
}

/**
 * How many subjects (memberships, labels) stood in `status` at each instant: each subject's status is the one its
 * latest decision before the instant gave it. Decisions in any order; instants in any order, answered in theirs.
 */
export function countsAt(decisions: readonly DecisionEvent[], status: string, instants: readonly Date[]): number[] {
  const sorted = [...decisions].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
  return instants.map((instant) => {
    const latest = new Map<string, string>();
    for (const decision of sorted) {
      if (decision.decidedAt.getTime() >= instant.getTime()) break;
      latest.set(decision.subjectId, decision.toStatus);
    }
    return [...latest.values()].filter((current) => current === status).length;
  });
}

/** CARBON-METHOD §7.3 tiers, grouped as a dashboard says them: measured, modelled round, default trip. */
export type DataTierGroup = 'primary' | 'modelled' | 'default';

/**
 * The tier group of a supplier order's footprint. Footprints stored before §7.3 carry no tier: a measured distance
 * (odometer) then, or the default trip — as the RSE lines read them.
 */
export function dataTierGroupOf(footprint: Pick<CarbonFootprint, 'dataSource' | 'distanceType'>): DataTierGroup {
  const source = footprint.dataSource ?? (footprint.distanceType === 'ODOMETER' ? 'PRIMARY_DISTANCE' : 'DEFAULT');
  if (source === 'PRIMARY_FUEL' || source === 'PRIMARY_DISTANCE') return 'primary';
  return source === 'MODELLED_ROUND' ? 'modelled' : 'default';
}
