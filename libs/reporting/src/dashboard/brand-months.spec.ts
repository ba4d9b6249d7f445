import { countsAt, dataTierGroupOf, monthsBetween, nextMonthFirstDay } from './brand-months';

describe('brand dashboard months', () => {
  it('lists the months a period touches, across a new year', () => {
    expect(monthsBetween('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
    expect(nextMonthFirstDay('2026-12')).toBe('2027-01-01');
    expect(nextMonthFirstDay('2026-09')).toBe('2026-10-01');
  });

  it('counts each subject in the status its latest decision before the instant gave it (a revocation undoes an approval)', () => {
    const at = (day: string) => new Date(`${day}T12:00:00Z`);
    const decisions = [
      { subjectId: 'b', toStatus: 'APPROVED', decidedAt: at('2026-02-10') },
      { subjectId: 'a', toStatus: 'APPROVED', decidedAt: at('2026-01-05') },
      { subjectId: 'a', toStatus: 'REVOKED', decidedAt: at('2026-03-02') },
      { subjectId: 'c', toStatus: 'REJECTED', decidedAt: at('2026-02-11') },
      { subjectId: 'c', toStatus: 'APPROVED', decidedAt: at('2026-03-20') },
    ];
    const ends = [at('2026-01-01'), at('2026-02-01'), at('2026-03-01'), at('2026-04-01')];
    expect(countsAt(decisions, 'APPROVED', ends)).toEqual([0, 1, 2, 2]);
    // A decision at the very instant is not yet counted.
    expect(countsAt(decisions, 'APPROVED', [at('2026-01-05')])).toEqual([0]);
  });

  it('groups the §7.3 tiers as primary, modelled or default, reading old footprints as the RSE lines do', () => {
    expect(dataTierGroupOf({ dataSource: 'PRIMARY_FUEL', distanceType: 'GCD_ESTIMATED' })).toBe('primary');
    expect(dataTierGroupOf({ dataSource: 'PRIMARY_DISTANCE', distanceType: 'ODOMETER' })).toBe('primary');
    expect(dataTierGroupOf({ dataSource: 'MODELLED_ROUND', distanceType: 'GCD_ESTIMATED' })).toBe('modelled');
    expect(dataTierGroupOf({ dataSource: 'DEFAULT', distanceType: 'GCD_ESTIMATED' })).toBe('default');
    expect(dataTierGroupOf({ distanceType: 'ODOMETER' })).toBe('primary');
    expect(dataTierGroupOf({ distanceType: 'GCD_ESTIMATED' })).toBe('default');
  });
});
