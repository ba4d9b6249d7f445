import { creditedByRate, formatCreditNoteNumber, remainingByRate } from './credit-note-draft';
import type { VatRateTotal } from '../invoice-draft';

const INVOICE: VatRateTotal[] = [
  { vatRateBasisPoints: 550, baseCents: 4200, vatCents: 231 },
  { vatRateBasisPoints: 1000, baseCents: 333, vatCents: 33 },
  { vatRateBasisPoints: 2000, baseCents: 1000, vatCents: 200 },
];
const total = (rates: VatRateTotal[]) => rates.reduce((sum, rate) => sum + rate.baseCents + rate.vatCents, 0);

describe('credit notes: amounts per VAT rate', () => {
  it('numbers as {PREFIX}-AV-{YYYY}-{n}', () => {
    expect(formatCreditNoteNumber('FHJ', 2026, 7)).toBe('FHJ-AV-2026-0007');
  });

  it('credits exactly the amount asked, never more than a rate holds, and a series of credits adds up to the invoice to the cent', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 500; run++) {
      const credited: VatRateTotal[] = [];
      for (let left = total(INVOICE); left > 0;) {
        const amount = Math.max(1, Math.min(left, Math.floor(random() * 3000)));
        const note = creditedByRate(INVOICE, credited, amount);
        expect(total(note)).toBe(amount);
        expect(note.every((rate) => rate.baseCents >= 0 && rate.vatCents >= 0)).toBe(true);
        credited.push(...note);
        expect(remainingByRate(INVOICE, credited).every((rate) => rate.baseCents >= 0 && rate.vatCents >= 0)).toBe(
          true,
        );
        left -= amount;
      }
      expect(remainingByRate(INVOICE, credited)).toEqual(
        INVOICE.map(({ vatRateBasisPoints }) => ({ vatRateBasisPoints, baseCents: 0, vatCents: 0 })),
      );
    }
  });

  it('refuses more than is left', () => {
    expect(() => creditedByRate(INVOICE, [], total(INVOICE) + 1)).toThrow(/does not fit/);
    expect(() => creditedByRate(INVOICE, [], 0)).toThrow(/does not fit/);
  });
});
