import { parisDay } from '@app/platform';
import { parisDaysByHour } from './rse-lines';

describe('parisDaysByHour', () => {
  it('gives the Paris day of every instant, across midnights and both daylight-saving changes', () => {
    const dayOf = parisDaysByHour();
    // Every 7 minutes 13 seconds from 2025-12-31 to 2027-01-01 (UTC), in an order that revisits hours already seen.
    const from = Date.UTC(2025, 11, 31);
    const to = Date.UTC(2027, 0, 1);
    const instants: Date[] = [];
    for (let at = from; at < to; at += 433_000) instants.push(new Date(at));
    const revisited = [...instants, ...instants.toReversed()];
    expect(revisited.map(dayOf)).toEqual(revisited.map(parisDay));
    // Around the changes: 2026-03-29 01:00 UTC (02:00 → 03:00 Paris) and 2026-10-25 01:00 UTC (03:00 → 02:00).
    for (const edge of [
      '2026-03-28T22:59:59.999Z',
      '2026-03-28T23:00:00Z',
      '2026-10-24T21:59:59.999Z',
      '2026-10-24T22:00:00Z',
      '2026-10-25T22:59:59.999Z',
      '2026-10-25T23:00:00Z',
    ])
      expect(dayOf(new Date(edge))).toBe(parisDay(new Date(edge)));
  });
});
