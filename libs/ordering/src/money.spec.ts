import fc from 'fast-check';
import {
  type MoneyTotals,
  type PriceTierValues,
  type TaxedAmount,
  lineTotalCents,
  partInclVat,
  splitProportionally,
  sumTotals,
  supplierOrderTotals,
  unitPriceFor,
  vatOnCents,
} from './money';
import { check, checkEqual, checkSafeNonNegative, quantityThousandths } from '@app/test-support';

/**
 * `numerator / denominator` rounded half-up, computed here independently of the code under test: exact BigInt
 * quotient and remainder, then one more cent when the remainder is at least half the denominator.
 */
function halfUp(numerator: bigint, denominator: bigint): number {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return Number(remainder * 2n >= denominator ? quotient + 1n : quotient);
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe('lineTotalCents: round(quantity × unit price), half-up', () => {
  it.each([
    ['1.5 kg × 333 c = 499.5 → 500', 1500, 333, 500],
    ['0.125 × 1 c = 0.125 → 0', 125, 1, 0],
    ['0.5 × 1 c = 0.5 → 1 (a half goes up)', 500, 1, 1],
    ['0.499 × 1 c = 0.499 → 0', 499, 1, 0],
    ['1.234 kg × 250 c = 308.5 → 309', 1234, 250, 309],
    ['1.005 × 100 c = 100.5 → 101 (a float would give 100.499…)', 1005, 100, 101],
    ['3 pieces × 1999 c = 5997', 3000, 1999, 5997],
    ['2.5 kg × 0 c = 0', 2500, 0, 0],
    ['0 × 100000 c = 0', 0, 100_000, 0],
  ])('%s', (_name, quantityThousandths, unitPriceCents, expected) => {
    expect(lineTotalCents(quantityThousandths, unitPriceCents)).toBe(expected);
  });
});

describe('vatOnCents: VAT on a base, half-up to the cent', () => {
  it.each([
    ['1010 c at 5.5 % = 55.55 → 56', 1010, 550, 56],
    ['1000 c at 5.5 % = 55 exactly', 1000, 550, 55],
    ['100 c at 5.5 % = 5.5 → 6', 100, 550, 6],
    ['9 c at 5.5 % = 0.495 → 0', 9, 550, 0],
    ['10 c at 5.5 % = 0.55 → 1', 10, 550, 1],
    ['1005 c at 10 % = 100.5 → 101', 1005, 1000, 101],
    ['3333 c at 20 % = 666.6 → 667', 3333, 2000, 667],
    ['5333 c at 20 % = 1066.6 → 1067', 5333, 2000, 1067],
    ['0 c at 20 % = 0', 0, 2000, 0],
  ])('%s', (_name, baseCents, vatRateBasisPoints, expected) => {
    expect(vatOnCents(baseCents, vatRateBasisPoints)).toBe(expected);
  });
});

describe('unitPriceFor: B2B tier or consumer price', () => {
  const consumerPrice = 1000;
  const tiers: PriceTierValues[] = [
    { minQuantityThousandths: 5_000, unitPriceCents: 900 },
    { minQuantityThousandths: 20_000, unitPriceCents: 800 },
    { minQuantityThousandths: 100_000, unitPriceCents: 700 },
  ];
  const unordered: PriceTierValues[] = [tiers[2], tiers[0], tiers[1]];

  it.each([
    ['a business below the first tier pays the consumer price', true, tiers, 4_999, 1000],
    ['a business exactly at the first tier gets it', true, tiers, 5_000, 900],
    ['a business between tiers gets the highest tier reached', true, tiers, 19_999, 900],
    ['a business exactly at the second tier gets it', true, tiers, 20_000, 800],
    ['a business above the last tier gets the last tier', true, tiers, 250_000, 700],
    ['a business with no tiers pays the consumer price', true, [], 250_000, 1000],
    ['unordered tiers: the highest tier reached still wins', true, unordered, 50_000, 800],
    ['unordered tiers: above every tier gets the top tier', true, unordered, 100_000, 700],
    ['unordered tiers: below every tier pays the consumer price', true, unordered, 1_000, 1000],
    ['a consumer always pays the consumer price (small quantity)', false, tiers, 1_000, 1000],
    ['a consumer always pays the consumer price (past every tier)', false, tiers, 250_000, 1000],
  ])('%s', (_name, b2b, tierList, quantityThousandths, expected) => {
    expect(unitPriceFor(b2b, consumerPrice, tierList, quantityThousandths)).toBe(expected);
  });
});

describe('splitProportionally: exact largest-remainder split', () => {
  it.each([
    ['fee 1000 over goods 10000/5000 → 667/333', 1000, [10_000, 5_000], [667, 333]],
    ['a single weight takes everything', 1000, [4_321], [1000]],
    ['zero cents → all zero', 0, [10_000, 5_000], [0, 0]],
    ['empty weights → no shares', 1000, [], []],
    ['all-zero weights → everything to the first share', 500, [0, 0], [500, 0]],
    ['equal remainders: the earlier share gets the extra cent', 100, [1, 1, 1], [34, 33, 33]],
    ['largest remainder wins: 10 over 1/2/3 → 1.67/3.33/5 → 2/3/5', 10, [1, 2, 3], [2, 3, 5]],
    ['a zero weight gets nothing', 7, [0, 3, 4], [0, 3, 4]],
  ])('%s', (_name, cents, weights, expected) => {
    expect(splitProportionally(cents, weights)).toEqual(expected);
  });
});

describe('supplierOrderTotals: hand-computed examples', () => {
  it('splits the fee across rates in the goods’ proportions (10000 at 5.5 % + 5000 at 20 %, fee 1000 → 667/333)', () => {
    const totals = supplierOrderTotals(
      [
        { totalCents: 10_000, vatRateBasisPoints: 550 },
        { totalCents: 5_000, vatRateBasisPoints: 2000 },
      ],
      1000,
    );
    expect(totals).toEqual({
      goodsCents: 15_000,
      feeByRate: [
        { vatRateBasisPoints: 550, totalCents: 667 },
        { vatRateBasisPoints: 2000, totalCents: 333 },
      ],
      vatByRate: [
        // 10667 × 5.5 % = 586.685 → 587; 5333 × 20 % = 1066.6 → 1067
        { vatRateBasisPoints: 550, baseCents: 10_667, vatCents: 587 },
        { vatRateBasisPoints: 2000, baseCents: 5_333, vatCents: 1067 },
      ],
      subtotalCents: 16_000,
      vatCents: 1654,
      totalCents: 17_654,
    });
  });

  it('a single rate: VAT once on the rate’s base (lines + fee), not per line', () => {
    // Per line: 1500 × 5.5 % = 82.5 → 83 and 1500 × 5.5 % → 83, fee 500 → 27.5 → 28: 194 in all.
    // Per rate: 3500 × 5.5 % = 192.5 → 193.
    const totals = supplierOrderTotals(
      [
        { totalCents: 1500, vatRateBasisPoints: 550 },
        { totalCents: 1500, vatRateBasisPoints: 550 },
      ],
      500,
    );
    expect(totals).toEqual({
      goodsCents: 3000,
      feeByRate: [{ vatRateBasisPoints: 550, totalCents: 500 }],
      vatByRate: [{ vatRateBasisPoints: 550, baseCents: 3500, vatCents: 193 }],
      subtotalCents: 3500,
      vatCents: 193,
      totalCents: 3693,
    });
  });

  it('zero fee: no fee share, the bases are the goods; rates come out ascending whatever the line order', () => {
    const totals = supplierOrderTotals(
      [
        { totalCents: 2_499, vatRateBasisPoints: 2000 },
        { totalCents: 1_010, vatRateBasisPoints: 550 },
        { totalCents: 1, vatRateBasisPoints: 2000 },
      ],
      0,
    );
    expect(totals).toEqual({
      goodsCents: 3_510,
      feeByRate: [],
      vatByRate: [
        { vatRateBasisPoints: 550, baseCents: 1_010, vatCents: 56 }, // 55.55 → 56
        { vatRateBasisPoints: 2000, baseCents: 2_500, vatCents: 500 },
      ],
      subtotalCents: 3_510,
      vatCents: 556,
      totalCents: 4_066,
    });
  });

  it('a fee with all-zero goods goes whole to the first (lowest) rate', () => {
    const totals = supplierOrderTotals(
      [
        { totalCents: 0, vatRateBasisPoints: 2000 },
        { totalCents: 0, vatRateBasisPoints: 550 },
      ],
      500,
    );
    expect(totals).toEqual({
      goodsCents: 0,
      feeByRate: [{ vatRateBasisPoints: 550, totalCents: 500 }],
      vatByRate: [
        { vatRateBasisPoints: 550, baseCents: 500, vatCents: 28 }, // 27.5 → 28
        { vatRateBasisPoints: 2000, baseCents: 0, vatCents: 0 },
      ],
      subtotalCents: 500,
      vatCents: 28,
      totalCents: 528,
    });
  });
});

describe('partInclVat: a part including VAT, line by line, as a person buying reads it', () => {
  const at = (vatRateBasisPoints: number, ...amounts: number[]): TaxedAmount[] =>
    amounts.map((totalCents) => ({ totalCents, vatRateBasisPoints }));

  it('takes a line’s VAT on its amount, not on the rounded unit price including VAT times the quantity', () => {
    // 25 kg at 1,80 € HT (1,90 € TTC a kilo): 45,00 € + 2,475 € of VAT = 47,48 €, not 25 × 1,90 € = 47,50 €.
    expect(partInclVat(at(550, 4500), 0)).toEqual({ lineCents: [4748], feeCents: 0, totalCents: 4748 });
  });

  it('shares a rate’s VAT between its lines so that they add up to the total, whatever their order', () => {
    // 3 × 4,50 € at 5,5 %: 74,25 c of VAT on 13,50 € → 74 c, where each line alone would round 24,75 c up to 25 c.
    expect(partInclVat(at(550, 450, 450, 450), 0)).toEqual({
      lineCents: [475, 475, 474],
      feeCents: 0,
      totalCents: 1424,
    });
    // 1,00 € and 4,50 € at 5,5 %: 30,25 c of VAT → 30 c; the 4,50 € line is 4,75 € before or after the other.
    expect(partInclVat(at(550, 100, 450), 0).lineCents).toEqual([105, 475]);
    expect(partInclVat(at(550, 450, 100), 0).lineCents).toEqual([475, 105]);
  });

  it('gives the delivery fee what it adds to each rate’s VAT (cart-pricing.spec’s juice and cider)', () => {
    // Juice 27,00 € at 5,5 %, cider 15,60 € at 20 %, a 9,00 € fee split 5,70 / 3,30: VAT 180 c + 378 c, 57,18 €.
    const { lineCents, feeCents, totalCents } = partInclVat([...at(550, 2700), ...at(2000, 1560)], 900);
    expect(lineCents).toEqual([2849, 1872]);
    expect(feeCents).toBe(997); // 9,00 € + 31,35 c + 66 c of VAT
    expect(totalCents).toBe(5718);
  });

  it('prices a fee exactly as what it adds to the total, at its goods’ rates, never an average rate', () => {
    // 45,00 € at 5,5 % and 10,40 € at 20 %, an 8,00 € fee split 6,50 / 1,50: + 35 c + 30 c = 8,65 € (8,4 %: 8,66 €).
    expect(partInclVat([...at(550, 4500), ...at(2000, 1040)], 800).feeCents).toBe(865);
    // 10 c of goods and a 10 c fee at 5,5 %: 1,1 c of VAT → 1 c, all the goods' (0,55 c → 1 c): the fee adds none.
    expect(partInclVat(at(550, 10), 10).feeCents).toBe(10);
  });

  it('adds up to supplierOrderTotals’ total, each line within a cent of its own VAT, the fee what it adds (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            totalCents: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 2_000_000 })),
            vatRateBasisPoints: fc.constantFrom(210, 550, 1000, 2000),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.integer({ min: 0, max: 20_000 }),
        (lines, feeCents) => {
          const part = partInclVat(lines, feeCents);
          const totals = supplierOrderTotals(lines, feeCents);
          checkEqual(part.totalCents, totals.totalCents, 'total vs supplierOrderTotals');
          checkEqual(sum(part.lineCents) + part.feeCents, part.totalCents, 'lines + fee vs total');
          checkEqual(part.feeCents, totals.totalCents - supplierOrderTotals(lines, 0).totalCents, 'what the fee adds');
          lines.forEach((line, index) => {
            // |line incl. VAT × 10,000 − amount × (10,000 + rate)| < 10,000: within a cent of its exact VAT.
            const gap = part.lineCents[index] * 10_000 - line.totalCents * (10_000 + line.vatRateBasisPoints);
            check(Math.abs(gap) < 10_000, () => `line ${index} is a cent or more from its own VAT`);
          });
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('sumTotals', () => {
  it('adds component-wise; no parts gives zeros', () => {
    expect(sumTotals([])).toEqual({ subtotalCents: 0, vatCents: 0, totalCents: 0 });
    expect(
      sumTotals([
        { subtotalCents: 16_000, vatCents: 1654, totalCents: 17_654 },
        { subtotalCents: 3500, vatCents: 193, totalCents: 3693 },
      ]),
    ).toEqual({ subtotalCents: 19_500, vatCents: 1847, totalCents: 21_347 });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// DATA-02 (RELIABILITY.md): 10,000 random orders, weights in kg, 5.5/10/20 % → HT + TVA == TTC in 10,000/10,000.
// ---------------------------------------------------------------------------------------------------------------

const DATA_02_RUNS = 10_000;

interface RandomLine {
  quantityThousandths: number;
  unitPriceCents: number;
  vatRateBasisPoints: number;
}

const randomLine: fc.Arbitrary<RandomLine> = fc.record({
  quantityThousandths,
  unitPriceCents: fc.integer({ min: 0, max: 100_000 }),
  vatRateBasisPoints: fc.constantFrom(550, 1000, 2000, 210, 850),
});
const randomSupplierOrder = fc.record({
  lines: fc.array(randomLine, { minLength: 1, maxLength: 8 }),
  feeCents: fc.integer({ min: 0, max: 5000 }),
});

/** The line total by the documented rule, computed here: round half-up of quantity × unit price. */
const expectedLineTotal = (line: RandomLine): number =>
  halfUp(BigInt(line.quantityThousandths) * BigInt(line.unitPriceCents), 1000n);

describe('DATA-02: supplier order totals and VAT rounding (fast-check, 10,000 random orders)', () => {
  it('HT + TVA = TTC to the cent, totals = Σ lines + fee, VAT per rate half-up, fee split exactly', () => {
    let checked = 0;
    fc.assert(
      fc.property(randomSupplierOrder, ({ lines, feeCents }) => {
        const lineTotals = lines.map(expectedLineTotal);
        lines.forEach((line, index) =>
          checkEqual(
            lineTotalCents(line.quantityThousandths, line.unitPriceCents),
            lineTotals[index],
            `line ${index} total`,
          ),
        );
        const taxed: TaxedAmount[] = lines.map((line, index) => ({
          totalCents: lineTotals[index],
          vatRateBasisPoints: line.vatRateBasisPoints,
        }));

        const totals = supplierOrderTotals(taxed, feeCents);

        // HT + TVA = TTC, exactly.
        checkEqual(totals.subtotalCents + totals.vatCents, totals.totalCents, 'subtotal + VAT vs total');
        // Invoice total = Σ lines (documented rounding) + fee.
        checkEqual(totals.goodsCents, sum(lineTotals), 'goods vs Σ line totals');
        checkEqual(totals.subtotalCents, sum(lineTotals) + feeCents, 'subtotal vs Σ line totals + fee');
        // The per-rate breakdown adds up to the totals.
        checkEqual(sum(totals.vatByRate.map((rate) => rate.baseCents)), totals.subtotalCents, 'Σ bases vs subtotal');
        checkEqual(sum(totals.vatByRate.map((rate) => rate.vatCents)), totals.vatCents, 'Σ VAT by rate vs VAT');
        // The fee is split exactly.
        checkEqual(sum(totals.feeByRate.map((fee) => fee.totalCents)), feeCents, 'Σ fee shares vs fee');

        // One entry per distinct rate, ascending; each base = that rate's goods + its fee share; each VAT half-up.
        const goodsByRate = new Map<number, number>();
        taxed.forEach((line) =>
          goodsByRate.set(line.vatRateBasisPoints, (goodsByRate.get(line.vatRateBasisPoints) ?? 0) + line.totalCents),
        );
        const expectedRates = [...goodsByRate.keys()].sort((a, b) => a - b);
        checkEqual(totals.vatByRate.map((rate) => rate.vatRateBasisPoints).join(','), expectedRates.join(','), 'rates');
        const feeOf = new Map(totals.feeByRate.map((fee) => [fee.vatRateBasisPoints, fee.totalCents]));
        checkEqual(feeOf.size, totals.feeByRate.length, 'one fee share per rate');
        for (const fee of totals.feeByRate) {
          check(
            goodsByRate.has(fee.vatRateBasisPoints),
            () => `fee share at ${fee.vatRateBasisPoints} bp, a rate no line has`,
          );
          check(fee.totalCents > 0, () => `empty fee share at ${fee.vatRateBasisPoints} bp`);
        }
        const goodsCents = BigInt(sum(lineTotals));
        for (const rate of totals.vatByRate) {
          const goods = goodsByRate.get(rate.vatRateBasisPoints)!;
          const feeShare = feeOf.get(rate.vatRateBasisPoints) ?? 0;
          checkEqual(rate.baseCents, goods + feeShare, `base at ${rate.vatRateBasisPoints} bp`);
          checkEqual(
            rate.vatCents,
            halfUp(BigInt(rate.baseCents) * BigInt(rate.vatRateBasisPoints), 10_000n),
            `VAT at ${rate.vatRateBasisPoints} bp`,
          );
          if (goodsCents > 0n) {
            // The fee share is within one cent of fee × goods of the rate / all goods: |share × G − fee × g| < G.
            const gap = BigInt(feeShare) * goodsCents - BigInt(feeCents) * BigInt(goods);
            check(
              gap < goodsCents && gap > -goodsCents,
              () => `fee share ${feeShare} at ${rate.vatRateBasisPoints} bp is a cent or more off`,
            );
          }
        }

        checkSafeNonNegative(totals.goodsCents, 'goods');
        checkSafeNonNegative(totals.subtotalCents, 'subtotal');
        checkSafeNonNegative(totals.vatCents, 'VAT');
        checkSafeNonNegative(totals.totalCents, 'total');
        totals.feeByRate.forEach((fee) =>
          checkSafeNonNegative(fee.totalCents, `fee share at ${fee.vatRateBasisPoints} bp`),
        );
        totals.vatByRate.forEach((rate) => {
          checkSafeNonNegative(rate.baseCents, `base at ${rate.vatRateBasisPoints} bp`);
          checkSafeNonNegative(rate.vatCents, `VAT at ${rate.vatRateBasisPoints} bp`);
        });
        checked += 1;
      }),
      { numRuns: DATA_02_RUNS },
    );
    expect(checked).toBe(DATA_02_RUNS);
  });

  it('splitProportionally: the shares sum to the amount, each within one cent of its exact proportion', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000_000 })), { minLength: 1, maxLength: 8 }),
        (cents, weights) => {
          const shares = splitProportionally(cents, weights);
          checkEqual(shares.length, weights.length, 'number of shares');
          checkEqual(sum(shares), cents, 'Σ shares');
          shares.forEach((share, index) => checkSafeNonNegative(share, `share ${index}`));
          const total = BigInt(sum(weights));
          if (total === 0n) {
            checkEqual(
              shares.join(','),
              weights.map((_, index) => (index === 0 ? cents : 0)).join(','),
              'shares with no weight',
            );
            return;
          }
          weights.forEach((weight, index) => {
            // |share − cents × weight / total| < 1  ⇔  |share × total − cents × weight| < total
            const gap = BigInt(shares[index]) * total - BigInt(cents) * BigInt(weight);
            check(gap < total && gap > -total, () => `share ${index} = ${shares[index]} is a cent or more off`);
          });
        },
      ),
      { numRuns: DATA_02_RUNS },
    );
  });

  it('sumTotals over several supplier orders is the component-wise sum, and still HT + TVA = TTC', () => {
    fc.assert(
      fc.property(fc.array(randomSupplierOrder, { minLength: 1, maxLength: 6 }), (orders) => {
        const parts: MoneyTotals[] = orders.map(({ lines, feeCents }) =>
          supplierOrderTotals(
            lines.map((line) => ({ totalCents: expectedLineTotal(line), vatRateBasisPoints: line.vatRateBasisPoints })),
            feeCents,
          ),
        );
        const total = sumTotals(parts);
        expect(total).toEqual({
          subtotalCents: sum(parts.map((part) => part.subtotalCents)),
          vatCents: sum(parts.map((part) => part.vatCents)),
          totalCents: sum(parts.map((part) => part.totalCents)),
        });
        expect(total.subtotalCents + total.vatCents).toBe(total.totalCents);
      }),
      { numRuns: 1_000 },
    );
  });
});
