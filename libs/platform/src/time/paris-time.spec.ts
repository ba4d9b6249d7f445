import { parisDay, parisMidnight } from './paris-time';

describe('Paris time', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z'],
    ['2026-07-15', '2026-07-14T22:00:00.000Z'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z'],
  ])('midnight of %s in Paris is %s', (day, instant) => {
    expect(parisMidnight(day).toISOString()).toBe(instant);
  });

  it('tells the Paris day of an instant, across midnight and the New Year', () => {
    expect(parisDay(new Date('2026-12-31T22:59:59.900Z'))).toBe('2026-12-31');
    expect(parisDay(new Date('2026-12-31T23:00:00.100Z'))).toBe('2027-01-01');
    expect(parisDay(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(parisDay(new Date('2026-07-14T22:01:00Z'))).toBe('2026-07-15');
  });
});
