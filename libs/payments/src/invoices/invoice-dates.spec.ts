import { addDays, dueDateOf, parisDate } from './invoice-dates';

describe('invoice dates', () => {
  it('reads the calendar day in France', () => {
    expect(parisDate(new Date('2026-12-31T22:59:59.900Z'))).toBe('2026-12-31');
    expect(parisDate(new Date('2026-12-31T23:00:00.100Z'))).toBe('2027-01-01');
    expect(parisDate(new Date('2026-07-14T22:30:00.000Z'))).toBe('2026-07-15');
  });

  it('adds days across months, years and 29 February', () => {
    expect(addDays('2026-12-31', 30)).toBe('2027-01-30');
    expect(addDays('2028-02-15', 30)).toBe('2028-03-16');
    expect(addDays('2026-03-28', 3)).toBe('2026-03-31');
  });

  it('makes an invoice payment due 30 days after delivery, or after issue before delivery', () => {
    const issuedAt = new Date('2026-12-31T09:00:00Z');
    expect(dueDateOf('INVOICE', issuedAt, new Date('2026-12-30T23:30:00Z'))).toBe('2027-01-30');
    expect(dueDateOf('INVOICE', issuedAt, null)).toBe('2027-01-30');
    expect(dueDateOf('INVOICE', new Date('2026-12-01T10:00:00Z'), new Date('2026-11-28T10:00:00Z'))).toBe('2026-12-28');
  });

  it('makes a card payment due on the day of issue: it is already paid', () => {
    expect(dueDateOf('CARD', new Date('2026-12-31T23:30:00Z'), null)).toBe('2027-01-01');
  });
});
