import {
  deliveryDateRefusal,
  instantOfWallClock,
  isoWeekday,
  localDay,
  nextDeliveryDates,
  orderingClosesAt,
} from './delivery-dates';

const TUESDAY_FRIDAY = { weekdays: [2, 5], cutoffHours: 24 };
const at = (iso: string) => new Date(iso);

describe('delivery days in Paris time', () => {
  it('numbers weekdays from Monday (1) to Sunday (7)', () => {
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-13')).toBe(7);
    expect(isoWeekday('2028-02-29')).toBe(2);
  });

  it('reads the calendar day in Paris, not in UTC', () => {
    expect(localDay(at('2026-12-04T23:30:00Z'))).toBe('2026-12-05');
    expect(localDay(at('2026-07-04T21:59:59Z'))).toBe('2026-07-04');
    expect(localDay(at('2026-07-04T22:00:00Z'))).toBe('2026-07-05');
  });

  it('lists the next open days, skipping one whose cut-off has passed', () => {
    // Friday 4 December 2026, 10:00 in Paris: Friday itself closed on Thursday at midnight.
    expect(nextDeliveryDates(at('2026-12-04T09:00:00Z'), TUESDAY_FRIDAY)).toEqual([
      '2026-12-08',
      '2026-12-11',
      '2026-12-15',
      '2026-12-18',
      '2026-12-22',
      '2026-12-25',
    ]);
    expect(nextDeliveryDates(at('2026-12-04T09:00:00Z'), TUESDAY_FRIDAY, 2)).toEqual(['2026-12-08', '2026-12-11']);
  });

  it('closes orders exactly at the cut-off, in Paris time', () => {
    // Tuesday 8 December closes on Monday 7 at 00:00 in Paris = Sunday 6 at 23:00 UTC (winter).
    expect(orderingClosesAt('2026-12-08', 24).toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(deliveryDateRefusal('2026-12-08', TUESDAY_FRIDAY, at('2026-12-06T22:59:59.999Z'))).toBeNull();
    expect(deliveryDateRefusal('2026-12-08', TUESDAY_FRIDAY, at('2026-12-06T23:00:00Z'))).toBe('PAST_CUTOFF');
    // In summer Paris is UTC+2: Tuesday 7 July 2026 closes on Sunday 5 at 22:00 UTC.
    expect(orderingClosesAt('2026-07-07', 24).toISOString()).toBe('2026-07-05T22:00:00.000Z');
  });

  it('refuses a day that is not a delivery day, a malformed one, and one past the horizon', () => {
    expect(deliveryDateRefusal('2026-12-09', TUESDAY_FRIDAY, at('2026-12-04T09:00:00Z'))).toBe('NOT_OPEN');
    expect(deliveryDateRefusal('2026-02-30', TUESDAY_FRIDAY, at('2026-12-04T09:00:00Z'))).toBe('NOT_OPEN');
    expect(deliveryDateRefusal('2028-12-05', TUESDAY_FRIDAY, at('2026-12-04T09:00:00Z'))).toBe('NOT_OPEN');
    expect(deliveryDateRefusal('2026-12-01', TUESDAY_FRIDAY, at('2026-12-04T09:00:00Z'))).toBe('PAST_CUTOFF');
  });

  it('skips a day the producer closed, and says so once its orders are open (a past one is past its cut-off)', () => {
    const closedOnTuesday = { ...TUESDAY_FRIDAY, closedDates: ['2026-12-08', '2026-12-01'] };
    expect(nextDeliveryDates(at('2026-12-04T09:00:00Z'), closedOnTuesday, 3)).toEqual([
      '2026-12-11',
      '2026-12-15',
      '2026-12-18',
    ]);
    expect(deliveryDateRefusal('2026-12-08', closedOnTuesday, at('2026-12-04T09:00:00Z'))).toBe('CLOSED');
    expect(deliveryDateRefusal('2026-12-01', closedOnTuesday, at('2026-12-04T09:00:00Z'))).toBe('PAST_CUTOFF');
    expect(deliveryDateRefusal('2026-12-11', closedOnTuesday, at('2026-12-04T09:00:00Z'))).toBeNull();
  });

  it('has no dates for an option without weekdays', () => {
    expect(nextDeliveryDates(at('2026-12-04T09:00:00Z'), { weekdays: [], cutoffHours: 24 })).toEqual([]);
  });

  describe('across the last Sunday of March (clocks go forward: 02:00 → 03:00)', () => {
    const mondays = { weekdays: [1], cutoffHours: 24 };

    it('closes a Monday delivery at midnight between Saturday and Sunday on the wall clock (23:00 UTC, still winter)', () => {
      expect(orderingClosesAt('2026-03-30', 24).toISOString()).toBe('2026-03-28T23:00:00.000Z');
      expect(nextDeliveryDates(at('2026-03-28T22:59:00Z'), mondays, 1)).toEqual(['2026-03-30']);
      expect(nextDeliveryDates(at('2026-03-28T23:00:00Z'), mondays, 1)).toEqual(['2026-04-06']);
    });

    it('puts a cut-off in the skipped hour at 03:00 summer time', () => {
      // 22 h before Monday 30 March 00:00 is Sunday 02:00, which does not exist: 03:00 CEST = 01:00 UTC.
      expect(orderingClosesAt('2026-03-30', 22).toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(instantOfWallClock(Date.UTC(2026, 2, 29, 2, 30)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    });

    it('counts the short Sunday as one calendar day: Sunday deliveries close on Saturday at midnight', () => {
      const sundays = { weekdays: [7], cutoffHours: 24 };
      expect(orderingClosesAt('2026-03-29', 24).toISOString()).toBe('2026-03-27T23:00:00.000Z');
      expect(nextDeliveryDates(at('2026-03-27T22:00:00Z'), sundays, 2)).toEqual(['2026-03-29', '2026-04-05']);
      // Monday after the change closes on Sunday at midnight, already summer time.
      expect(orderingClosesAt('2026-04-06', 24).toISOString()).toBe('2026-04-04T22:00:00.000Z');
    });
  });

  describe('across the last Sunday of October (clocks go back: 03:00 → 02:00)', () => {
    it('closes a Monday delivery at Sunday midnight, summer time (22:00 UTC on Saturday)', () => {
      expect(orderingClosesAt('2026-10-26', 24).toISOString()).toBe('2026-10-24T22:00:00.000Z');
      // And the Tuesday after it at Monday midnight, winter time.
      expect(orderingClosesAt('2026-10-27', 24).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    });

    it('reads a time in the repeated hour as its first occurrence', () => {
      expect(instantOfWallClock(Date.UTC(2026, 9, 25, 2, 30)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
      // 22 h before Monday 26 October is Sunday 02:00, the first one (summer time).
      expect(orderingClosesAt('2026-10-26', 22).toISOString()).toBe('2026-10-25T00:00:00.000Z');
    });

    it('lists dates the same way on either side of the change', () => {
      const calendar = { weekdays: [1, 4], cutoffHours: 24 };
      // Saturday 24 October 2026, 23:30 in Paris (21:30 UTC): Monday 26 still open until midnight.
      expect(nextDeliveryDates(at('2026-10-24T21:30:00Z'), calendar, 3)).toEqual([
        '2026-10-26',
        '2026-10-29',
        '2026-11-02',
      ]);
      // Sunday 25 October, 00:30 in Paris (22:30 UTC on the 24th): Monday 26 closed.
      expect(nextDeliveryDates(at('2026-10-24T22:30:00Z'), calendar, 3)).toEqual([
        '2026-10-29',
        '2026-11-02',
        '2026-11-05',
      ]);
    });
  });

  describe('a cut-off crossing midnight', () => {
    const wednesdays = { weekdays: [3], cutoffHours: 36 };

    it('closes a Wednesday delivery 36 h before: Monday at noon', () => {
      expect(orderingClosesAt('2026-12-09', 36).toISOString()).toBe('2026-12-07T11:00:00.000Z');
      expect(deliveryDateRefusal('2026-12-09', wednesdays, at('2026-12-07T10:59:00Z'))).toBeNull();
      expect(deliveryDateRefusal('2026-12-09', wednesdays, at('2026-12-07T11:00:00Z'))).toBe('PAST_CUTOFF');
      expect(nextDeliveryDates(at('2026-12-07T11:00:00Z'), wednesdays, 1)).toEqual(['2026-12-16']);
    });

    it('is still open on the day itself with no cut-off, until the day starts', () => {
      const sameDay = { weekdays: [5], cutoffHours: 0 };
      expect(deliveryDateRefusal('2026-12-11', sameDay, at('2026-12-10T22:59:00Z'))).toBeNull();
      expect(deliveryDateRefusal('2026-12-11', sameDay, at('2026-12-10T23:00:00Z'))).toBe('PAST_CUTOFF');
    });

    it('moves the cut-off past the year end and back across the Paris/UTC day line', () => {
      // Friday 1 January 2027, cut-off 48 h: Wednesday 30 December at midnight in Paris (23:00 UTC on the 29th).
      expect(orderingClosesAt('2027-01-01', 48).toISOString()).toBe('2026-12-29T23:00:00.000Z');
      expect(nextDeliveryDates(at('2026-12-29T22:30:00Z'), { weekdays: [5], cutoffHours: 48 }, 1)).toEqual([
        '2027-01-01',
      ]);
      expect(nextDeliveryDates(at('2026-12-29T23:30:00Z'), { weekdays: [5], cutoffHours: 48 }, 1)).toEqual([
        '2027-01-08',
      ]);
    });
  });

  describe('29 February', () => {
    it('is a delivery day in 2028 (a Tuesday), closing on the 28th', () => {
      expect(nextDeliveryDates(at('2028-02-26T12:00:00Z'), TUESDAY_FRIDAY, 3)).toEqual([
        '2028-02-29',
        '2028-03-03',
        '2028-03-07',
      ]);
      expect(orderingClosesAt('2028-02-29', 24).toISOString()).toBe('2028-02-27T23:00:00.000Z');
      expect(deliveryDateRefusal('2028-02-29', TUESDAY_FRIDAY, at('2028-02-27T22:59:00Z'))).toBeNull();
    });

    it('a cut-off counted back from 1 March 2028 lands on the 29th', () => {
      expect(orderingClosesAt('2028-03-01', 12).toISOString()).toBe('2028-02-29T11:00:00.000Z');
    });

    it('does not exist in 2027', () => {
      expect(
        deliveryDateRefusal(
          '2027-02-29',
          { weekdays: [1, 2, 3, 4, 5, 6, 7], cutoffHours: 0 },
          at('2027-01-10T12:00:00Z'),
        ),
      ).toBe('NOT_OPEN');
      expect(
        nextDeliveryDates(at('2027-02-27T12:00:00Z'), { weekdays: [1, 2, 3, 4, 5, 6, 7], cutoffHours: 0 }, 2),
      ).toEqual(['2027-02-28', '2027-03-01']);
    });
  });
});
