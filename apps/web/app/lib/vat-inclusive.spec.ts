import { describe, expect, it } from '@jest/globals';
import { feeInclVat, partInclVat, unitInclVatTimesQuantity, withVat } from './vat-inclusive';

// The API's rule (libs/ordering money.ts): VAT once per rate on that rate's goods and share of the fee, half-up. The
// server's own functions are checked against these in test/consumer-prices.e2e-spec.ts.
describe('a producer’s part including VAT, line by line', () => {
  it('adds the VAT rounded half-up to the cent, at each French rate', () => {
    expect(withVat(450, 0.055)).toBe(475); // 24,75 c of VAT → 25
    expect(withVat(3290, 0.055)).toBe(3471); // 180,95 c → 181
    expect(withVat(1000, 0.2)).toBe(1200);
    expect(withVat(999, 0.1)).toBe(1099); // 99,9 c → 100
    expect(withVat(1000, 0.021)).toBe(1021);
    expect(withVat(0, 0.2)).toBe(0);
  });

  it('takes the VAT of a line on its amount, not the rounded unit price including VAT times the quantity', () => {
    // 25 kg at 1,80 € HT (1,90 € TTC a kilo): 45,00 € + 2,475 € of VAT = 47,48 €, not 25 × 1,90 € = 47,50 €.
    const potatoes = { unitPriceCents: 180, quantity: 25, totalCents: 4500, vatRate: 0.055 };
    expect(partInclVat([potatoes], 0)).toEqual({ lineCents: [4748], feeCents: 0, totalCents: 4748 });
    expect(unitInclVatTimesQuantity(potatoes)).toBe(4750);
    // 1,5 kg at 4,50 € HT: 6,75 € + 37,125 c = 7,12 €, where 1,5 × 4,75 € = 7,125 € → 7,13 €.
    expect(unitInclVatTimesQuantity({ unitPriceCents: 450, quantity: 1.5, vatRate: 0.055 })).toBe(713);
    expect(partInclVat([{ totalCents: 675, vatRate: 0.055 }], 0).lineCents).toEqual([712]);
  });

  it('shares a rate’s VAT between its lines so that they add up to the part’s total, whatever their order', () => {
    // 3 × 4,50 € at 5,5 %: 74,25 c of VAT on 13,50 € → 74 c, where each line alone would round 24,75 c up to 25 c.
    const lines = [450, 450, 450].map((totalCents) => ({ totalCents, vatRate: 0.055 }));
    expect(partInclVat(lines, 0)).toEqual({ lineCents: [475, 475, 474], feeCents: 0, totalCents: 1424 });
    // 1,00 € and 4,50 € at 5,5 %: 30,25 c of VAT → 30 c. The 4,50 € line is 4,75 € (its own 24,75 c rounded up, the
    // larger remainder) before or after the other; a running sum gave it 4,74 € after the 1,00 € line.
    const oneThenFour = partInclVat(
      [
        { totalCents: 100, vatRate: 0.055 },
        { totalCents: 450, vatRate: 0.055 },
      ],
      0,
    );
    const fourThenOne = partInclVat(
      [
        { totalCents: 450, vatRate: 0.055 },
        { totalCents: 100, vatRate: 0.055 },
      ],
      0,
    );
    expect(oneThenFour.lineCents).toEqual([105, 475]);
    expect(fourThenOne.lineCents).toEqual([475, 105]);
    expect(oneThenFour.totalCents).toBe(580);
  });

  it('gives the delivery fee what it adds to each rate’s VAT, the lines and fee adding up to the total charged', () => {
    // The API's own example (cart-pricing.spec.ts): juice 27,00 € at 5,5 %, cider 15,60 € at 20 %, a 9,00 € fee
    // split 5,70 / 3,30 across them; VAT 180 c + 378 c, total 57,18 €.
    const lines = [
      { totalCents: 2700, vatRate: 0.055 },
      { totalCents: 1560, vatRate: 0.2 },
    ];
    const { lineCents, feeCents, totalCents } = partInclVat(lines, 900);
    expect(lineCents).toEqual([2849, 1872]);
    expect(feeCents).toBe(997); // 9,00 € + 31,35 c + 66 c of VAT
    expect(totalCents).toBe(5718);
    expect(lineCents[0] + lineCents[1] + feeCents).toBe(totalCents);
  });

  it('prices a fee not chosen yet exactly as its row will once chosen, at its goods’ rates, never an average rate', () => {
    // 45,00 € at 5,5 % and 10,40 € at 20 %, an 8,00 € fee: split 6,50 / 1,50, it adds 8,00 € + 35 c + 30 c = 8,65 €
    // (an average rate of 8,4 % said 8,66 €).
    const lines = [
      { totalCents: 4500, vatRate: 0.055 },
      { totalCents: 1040, vatRate: 0.2 },
    ];
    expect(feeInclVat(lines, 800)).toBe(865);
    expect(partInclVat(lines, 800).totalCents - partInclVat(lines, 0).totalCents).toBe(865);
    // One rate: still what it adds to that rate's VAT. 10 c of goods and a 10 c fee at 5,5 %: 1,1 c of VAT on 20 c
    // → 1 c, all of it the goods' (0,55 c → 1 c): the fee adds none (10 c alone at 5,5 % would read 11 c).
    expect(feeInclVat([{ totalCents: 10, vatRate: 0.055 }], 10)).toBe(10);
    expect(feeInclVat([{ totalCents: 1350, vatRate: 0.055 }], 800)).toBe(844);
  });
});
