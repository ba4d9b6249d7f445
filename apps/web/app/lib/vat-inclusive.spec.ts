import { describe, expect, it } from '@jest/globals';
import { unitInclVatTimesQuantity, withVat } from './vat-inclusive';

describe('a shelf price including VAT', () => {
  it('adds the VAT rounded half-up to the cent, at each French rate', () => {
    expect(withVat(450, 0.055)).toBe(475); // 24,75 c of VAT → 25
    expect(withVat(3290, 0.055)).toBe(3471); // 180,95 c → 181
    expect(withVat(1000, 0.2)).toBe(1200);
    expect(withVat(999, 0.1)).toBe(1099); // 99,9 c → 100
    expect(withVat(1000, 0.021)).toBe(1021);
    expect(withVat(0, 0.2)).toBe(0);
  });

  it('times a quantity is what a reader works out, not the line the API charges', () => {
    // 25 kg at 1,80 € HT (1,90 € TTC a kilo): 25 × 1,90 € = 47,50 €, where the line is 45,00 € + 2,475 € = 47,48 €.
    expect(unitInclVatTimesQuantity({ unitPriceCents: 180, quantity: 25, vatRate: 0.055 })).toBe(4750);
    // 1,5 kg at 4,50 € HT: 1,5 × 4,75 € = 7,125 € → 7,13 €.
    expect(unitInclVatTimesQuantity({ unitPriceCents: 450, quantity: 1.5, vatRate: 0.055 })).toBe(713);
  });
});
