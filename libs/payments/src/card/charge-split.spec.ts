import fc from 'fast-check';
import { type ProducerShare, type SupplierOrderCharge, commissionBasisPoints, splitCharge } from './charge-split';
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

const part = (totalCents: number, index = 1): SupplierOrderCharge => ({
  supplierOrderId: `so-${index}`,
  producerId: `producer-${index}`,
  totalCents,
});

describe('splitCharge: hand examples (commission half-up per supplier order, transfer = total − commission)', () => {
  it.each([
    ['5 % of 1234 = 61.7 → 62, transfer 1172', 1234, 500, 62, 1172],
    ['5 % of 10 = 0.5 → 1 (a half goes up), transfer 9', 10, 500, 1, 9],
    ['5 % of 30 = 1.5 → 2, transfer 28', 30, 500, 2, 28],
    ['5 % of 9 = 0.45 → 0, transfer 9', 9, 500, 0, 9],
    ['5 % of 11 = 0.55 → 1, transfer 10', 11, 500, 1, 10],
    ['7.5 % of 1000 = 75 exactly, transfer 925', 1000, 750, 75, 925],
    ['7.5 % of 1234 = 92.55 → 93, transfer 1141', 1234, 750, 93, 1141],
    ['10 % of 1005 = 100.5 → 101, transfer 904', 1005, 1000, 101, 904],
    ['1 bp of 5000 = 0.5 → 1, transfer 4999', 5000, 1, 1, 4999],
    ['1 bp of 4999 = 0.4999 → 0, transfer 4999', 4999, 1, 0, 4999],
    ['50 % of 1 = 0.5 → 1, transfer 0', 1, 5000, 1, 0],
    ['20 % of 1 = 0.2 → 0, transfer 1', 1, 2000, 0, 1],
    ['0 %: no commission, everything transferred', 12_345, 0, 0, 12_345],
    ['100 %: everything is commission, transfer 0', 12_345, 10_000, 12_345, 0],
    ['a total of 0 at 5 %: 0 and 0', 0, 500, 0, 0],
    ['a total of 0 at 100 %: 0 and 0', 0, 10_000, 0, 0],
    [
      'the largest safe total at 5 %: exact (no float)',
      Number.MAX_SAFE_INTEGER,
      500,
      450_359_962_737_050,
      8_556_839_292_003_941,
    ],
  ])('%s', (_name, totalCents, basisPoints, commissionCents, transferCents) => {
    expect(splitCharge([part(totalCents)], basisPoints)).toEqual([
      { ...part(totalCents), commissionCents, transferCents },
    ]);
  });

  it('keeps every supplier order, in order, with its ids and total; rounds each one separately', () => {
    const parts = [part(1234, 1), part(10, 2), part(0, 3), part(9, 4)];
    expect(splitCharge(parts, 500)).toEqual<ProducerShare[]>([
      { supplierOrderId: 'so-1', producerId: 'producer-1', totalCents: 1234, commissionCents: 62, transferCents: 1172 },
      { supplierOrderId: 'so-2', producerId: 'producer-2', totalCents: 10, commissionCents: 1, transferCents: 9 },
      { supplierOrderId: 'so-3', producerId: 'producer-3', totalCents: 0, commissionCents: 0, transferCents: 0 },
      { supplierOrderId: 'so-4', producerId: 'producer-4', totalCents: 9, commissionCents: 0, transferCents: 9 },
    ]);
  });

  it('no supplier order: no share', () => {
    expect(splitCharge([], 500)).toEqual([]);
  });

  it('does not modify its input', () => {
    const parts = [part(1234, 1), part(10, 2)];
    const before = structuredClone(parts);
    splitCharge(parts, 500);
    expect(parts).toEqual(before);
  });
});

describe('splitCharge: the commission is whole basis points between 0 and 10,000', () => {
  it.each([
    ['a fraction of a basis point (500.5)', 500.5],
    ['a rate passed instead of basis points (0.05)', 0.05],
    ['negative (−1)', -1],
    ['above 100 % (10,001)', 10_001],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['−Infinity', Number.NEGATIVE_INFINITY],
  ])('rejects %s with a RangeError, with or without supplier orders', (_name, basisPoints) => {
    expect(() => splitCharge([part(1234)], basisPoints)).toThrow(RangeError);
    expect(() => splitCharge([], basisPoints)).toThrow(RangeError);
  });

  it.each([0, 1, 500, 9_999, 10_000])('accepts %i bp', (basisPoints) => {
    expect(() => splitCharge([part(1234)], basisPoints)).not.toThrow();
  });
});

describe('commissionBasisPoints: a rate to whole basis points, past the float traps', () => {
  it.each([
    // rate × 10,000 in floating point gives 500.00000000000006, 750.0000000000001, 2899.9999999999995, …
    [0.05, 500],
    [0.075, 750],
    [0.1, 1000],
    [0.07, 700],
    [0.29, 2900],
    [0.57, 5700],
    [0.0001, 1],
    [0, 0],
    [1, 10_000],
  ])('%d → %i bp', (rate, basisPoints) => {
    expect(commissionBasisPoints(rate)).toBe(basisPoints);
  });

  it('every whole basis point from 0 to 10,000, written as a rate (bp / 10,000 or percent / 100), comes back exactly', () => {
    const wrong: string[] = [];
    for (let basisPoints = 0; basisPoints <= 10_000; basisPoints += 1) {
      const asRate = basisPoints / 10_000;
      const asPercent = basisPoints / 100 / 100; // e.g. 7.5 % typed as 7.5, then / 100
      if (commissionBasisPoints(asRate) !== basisPoints) wrong.push(`${asRate} → ${commissionBasisPoints(asRate)}`);
      if (commissionBasisPoints(asPercent) !== basisPoints)
        wrong.push(`${asPercent} → ${commissionBasisPoints(asPercent)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('its result feeds splitCharge (7.5 % of 1000 = 75)', () => {
    expect(() => splitCharge([part(1234)], commissionBasisPoints(0.075))).not.toThrow();
    expect(splitCharge([part(1000)], commissionBasisPoints(0.075))[0].commissionCents).toBe(75);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// PAY-15 (RELIABILITY.md §3.1): 10,000 random multi-producer carts (1–12 producers, 1–40 lines, VAT 5.5/10/20 %):
// Σ transfers + platform commission == charge amount exactly, in 10,000/10,000; every transfer ≥ 0.
// ---------------------------------------------------------------------------------------------------------------

const PAY_15_RUNS = 10_000;

interface RandomLine {
  quantityThousandths: number;
  unitPriceCents: number;
  vatRateBasisPoints: number;
}

const randomLine: fc.Arbitrary<RandomLine> = fc.record({
  quantityThousandths,
  unitPriceCents: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 99 })),
  vatRateBasisPoints: fc.constantFrom(550, 1000, 2000),
});
/** One supplier order: its lines and delivery fee. */
const randomSupplierOrder = fc.record({
  lines: fc.array(randomLine, { minLength: 1, maxLength: 40 }),
  feeCents: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000 })),
});
const randomCart = fc.array(randomSupplierOrder, { minLength: 1, maxLength: 12 });
/** The commission rate, 0–20 %, as a rate (the configuration's form), with the usual values and the bounds favoured. */
const randomRate = fc.oneof(
  fc.integer({ min: 0, max: 2_000 }).map((basisPoints) => basisPoints / 10_000),
  fc.constantFrom(0, 0.05, 0.075, 0.1, 0.12, 0.15, 0.2),
);

/**
 * A supplier order's total as the order module builds it (PRODUCT.md §2 "Money"), computed here: line total =
 * half-up(quantity thousandths × unit price / 1000); the fee goes with the first rate present (an accessory follows
 * its goods; how it is spread does not matter here); VAT once per rate, half-up on that rate's base.
 */
function supplierOrderTotal({ lines, feeCents }: { lines: readonly RandomLine[]; feeCents: number }): number {
  const baseByRate = new Map<number, bigint>();
  for (const line of lines) {
    const lineTotal = BigInt(halfUp(BigInt(line.quantityThousandths) * BigInt(line.unitPriceCents), 1000n));
    baseByRate.set(line.vatRateBasisPoints, (baseByRate.get(line.vatRateBasisPoints) ?? 0n) + lineTotal);
  }
  const firstRate = Math.min(...baseByRate.keys());
  baseByRate.set(firstRate, baseByRate.get(firstRate)! + BigInt(feeCents));
  let total = 0n;
  for (const [rate, base] of baseByRate) total += base + BigInt(halfUp(base * BigInt(rate), 10_000n));
  return Number(total);
}

describe('PAY-15: the Connect split conserves money (fast-check, 10,000 random carts)', () => {
  it('Σ transfers + Σ commissions == the charge exactly; every transfer and commission ≥ 0; each commission half-up', () => {
    let checked = 0;
    fc.assert(
      fc.property(randomCart, randomRate, (cart, rate) => {
        const basisPoints = commissionBasisPoints(rate);
        checkEqual(basisPoints, Math.round(rate * 10_000), 'basis points');
        check(
          Number.isInteger(basisPoints) && basisPoints >= 0 && basisPoints <= 2_000,
          () => `basis points ${basisPoints} out of 0–2000`,
        );

        const parts = cart.map((order, index) => part(supplierOrderTotal(order), index + 1));
        const chargeCents = sum(parts.map((charge) => charge.totalCents));
        checkSafeNonNegative(chargeCents, 'charge');

        const shares = splitCharge(parts, basisPoints);

        checkEqual(shares.length, parts.length, 'number of shares');
        checkEqual(
          sum(shares.map((share) => share.transferCents)) + sum(shares.map((share) => share.commissionCents)),
          chargeCents,
          'Σ transfers + Σ commissions vs charge',
        );
        // The same, without any float addition on the way: BigInt sums.
        const bigSum = (pick: (share: ProducerShare) => number) =>
          shares.reduce((total, share) => total + BigInt(pick(share)), 0n);
        checkEqual(
          bigSum((share) => share.transferCents) + bigSum((share) => share.commissionCents),
          BigInt(chargeCents),
          'Σ (BigInt) vs charge',
        );
        shares.forEach((share, index) => {
          const what = `supplier order ${index}`;
          checkEqual(share.supplierOrderId, parts[index].supplierOrderId, `${what} id`);
          checkEqual(share.producerId, parts[index].producerId, `${what} producer`);
          checkEqual(share.totalCents, parts[index].totalCents, `${what} total`);
          checkSafeNonNegative(share.transferCents, `${what} transfer`);
          checkSafeNonNegative(share.commissionCents, `${what} commission`);
          checkEqual(
            share.transferCents + share.commissionCents,
            share.totalCents,
            `${what} transfer + commission vs total`,
          );
          checkEqual(
            share.commissionCents,
            halfUp(BigInt(share.totalCents) * BigInt(basisPoints), 10_000n),
            `${what} commission (half-up of ${share.totalCents} × ${basisPoints} bp)`,
          );
        });
        checked += 1;
      }),
      { numRuns: PAY_15_RUNS },
    );
    expect(checked).toBe(PAY_15_RUNS);
  });

  it('any safe total and any commission from 0 to 100 %: 0 ≤ commission ≤ total, commission half-up, nothing lost', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10_000_000 }), fc.maxSafeNat()), {
          minLength: 0,
          maxLength: 12,
        }),
        fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 1, 5_000, 9_999, 10_000)),
        (totals, basisPoints) => {
          const shares = splitCharge(
            totals.map((total, index) => part(total, index + 1)),
            basisPoints,
          );
          checkEqual(shares.length, totals.length, 'number of shares');
          shares.forEach((share, index) => {
            checkSafeNonNegative(share.commissionCents, `commission ${index}`);
            checkSafeNonNegative(share.transferCents, `transfer ${index}`);
            checkEqual(
              BigInt(share.commissionCents) + BigInt(share.transferCents),
              BigInt(totals[index]),
              `transfer + commission ${index}`,
            );
            checkEqual(
              share.commissionCents,
              halfUp(BigInt(totals[index]) * BigInt(basisPoints), 10_000n),
              `commission ${index}`,
            );
          });
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
