import { addDays, dueDates, scheduledDates, upcomingDates } from './standing-schedule';

const tuesdaysAndFridays = { weekdays: [2, 5], startsOn: '2026-12-01', endsOn: null };

describe('standing order schedule', () => {
  it('lists the weekdays of the schedule between its first and last day', () => {
    expect(scheduledDates(tuesdaysAndFridays, '2026-11-24', 15)).toEqual(['2026-12-01', '2026-12-04', '2026-12-08']);
    expect(scheduledDates({ ...tuesdaysAndFridays, endsOn: '2026-12-07' }, '2026-12-01', 30)).toEqual([
      '2026-12-01',
      '2026-12-04',
    ]);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
  });

  it('places a Thursday during the day before its orders close (24 h cut-off: Wednesday 00:00, Paris)', () => {
    const thursdays = { weekdays: [4], startsOn: '2026-12-01', endsOn: null };
    // Orders for Thursday 10 December close at 2026-12-09T00:00 Paris, 2026-12-08T23:00Z.
    expect(dueDates(thursdays, 24, new Date('2026-12-07T22:59:00Z'))).toEqual([]);
    expect(dueDates(thursdays, 24, new Date('2026-12-07T23:00:00Z'))).toEqual(['2026-12-10']);
    expect(dueDates(thursdays, 24, new Date('2026-12-08T22:59:59Z'))).toEqual(['2026-12-10']);
    expect(dueDates(thursdays, 24, new Date('2026-12-08T23:00:00Z'))).toEqual([]);
    // A two-week cut-off: placed fifteen days ahead.
    expect(dueDates(thursdays, 14 * 24, new Date('2026-11-25T12:00:00Z'))).toEqual(['2026-12-10']);
  });

  it('keeps the wall clock across the change to summer time (Monday 29 March 2027, cut-off 24 h)', () => {
    const mondays = { weekdays: [1], startsOn: '2027-03-01', endsOn: null };
    // Closes at 2027-03-28T00:00 Paris, still winter time: 2027-03-27T23:00Z.
    expect(dueDates(mondays, 24, new Date('2027-03-27T22:30:00Z'))).toEqual(['2027-03-29']);
    expect(dueDates(mondays, 24, new Date('2027-03-27T23:00:00Z'))).toEqual([]);
  });

  it('does not place before its first day or after its last', () => {
    expect(
      dueDates({ weekdays: [4], startsOn: '2026-12-11', endsOn: null }, 24, new Date('2026-12-08T12:00:00Z')),
    ).toEqual([]);
    expect(
      dueDates({ weekdays: [4], startsOn: '2026-12-01', endsOn: '2026-12-09' }, 24, new Date('2026-12-08T12:00:00Z')),
    ).toEqual([]);
  });

  it('shows the next dates still open, soonest first', () => {
    expect(upcomingDates(tuesdaysAndFridays, 24, new Date('2026-12-04T12:00:00Z'), 3)).toEqual([
      '2026-12-08',
      '2026-12-11',
      '2026-12-15',
    ]);
    expect(
      upcomingDates({ ...tuesdaysAndFridays, endsOn: '2026-12-09' }, 24, new Date('2026-12-04T12:00:00Z'), 3),
    ).toEqual(['2026-12-08']);
  });
});
