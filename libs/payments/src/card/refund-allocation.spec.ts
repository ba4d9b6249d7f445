import fc from 'fast-check';
import { type PartLedger, type PartRefund, allocateRefund, cancelPart } from './refund-allocation';

/** A part as PayoutsService.ledgerOf reads it from a transfer that nothing was given back of yet. */
const part = (supplierOrderId: string, totalCents: number, transferCents: number): PartLedger => ({
  supplierOrderId,
  totalCents,
  transferCents,
  refundedCents: 0,
  reversedCents: 0,
});

/** PayoutsService.giveBack on the ledger: the part's refund and reversal are added up. */
const afterGiveBack = (ledger: PartLedger, { refundCents, reversalCents }: PartRefund): PartLedger => ({
  ...ledger,
  refundedCents: ledger.refundedCents + refundCents,
  reversedCents: ledger.reversedCents + reversalCents,
});

const applyAll = (parts: readonly PartLedger[], refunds: readonly PartRefund[]): PartLedger[] =>
  parts.map((ledger, index) => afterGiveBack(ledger, refunds[index]));

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe('allocateRefund (by hand)', () => {
  // 50.00 € + 50.00 € at 10 % commission: each transfer is 45.00 €.
  const fiftyFifty = [part('so-1', 5000, 4500), part('so-2', 5000, 4500)];

  it('50.00 € + 50.00 € at 10 %: a 10.00 € refund is 5.00 € per part, each producer reverses 4.50 €', () => {
    expect(allocateRefund(fiftyFifty, 1000)).toEqual([
      { supplierOrderId: 'so-1', refundCents: 500, reversalCents: 450 },
      { supplierOrderId: 'so-2', refundCents: 500, reversalCents: 450 },
    ]);
  });

  it('goes in proportion to what is left of each part, not to its total: 50.00 € + 50.00 € with 30.00 € already back on part 1', () => {
    const parts = [{ ...part('so-1', 5000, 4500), refundedCents: 3000, reversedCents: 2700 }, part('so-2', 5000, 4500)];
    // 20.00 € and 50.00 € left: a 14.00 € refund is 4.00 € + 10.00 €.
    expect(allocateRefund(parts, 1400)).toEqual([
      { supplierOrderId: 'so-1', refundCents: 400, reversalCents: 360 },
      { supplierOrderId: 'so-2', refundCents: 1000, reversalCents: 900 },
    ]);
  });

  it('after a cancellation the whole refund goes to the remaining part: its producer returns 9.00 € of 10.00 €', () => {
    const cancelled = afterGiveBack(fiftyFifty[0], cancelPart(fiftyFifty[0]));
    expect(allocateRefund([cancelled, fiftyFifty[1]], 1000)).toEqual([
      { supplierOrderId: 'so-1', refundCents: 0, reversalCents: 0 },
      { supplierOrderId: 'so-2', refundCents: 1000, reversalCents: 900 },
    ]);
  });

  it('49.99 € + 50.01 € refunded as 2 × 50.00 €: each producer reverses exactly its transfer in the end', () => {
    // Commission 10 % half-up: 5.00 € on each part, so transfers of 44.99 € and 45.01 €.
    const parts = [part('so-1', 4999, 4499), part('so-2', 5001, 4501)];
    const first = allocateRefund(parts, 5000);
    // A tie (2,499.5 / 2,500.5 cents): the extra cent goes to the first part; reversals half-up of 2,250.05 and 2,250.049.
    expect(first).toEqual([
      { supplierOrderId: 'so-1', refundCents: 2500, reversalCents: 2250 },
      { supplierOrderId: 'so-2', refundCents: 2500, reversalCents: 2250 },
    ]);
    const second = allocateRefund(applyAll(parts, first), 5000);
    expect(second).toEqual([
      { supplierOrderId: 'so-1', refundCents: 2499, reversalCents: 2249 },
      { supplierOrderId: 'so-2', refundCents: 2501, reversalCents: 2251 },
    ]);
    expect(
      applyAll(applyAll(parts, first), second).map(({ refundedCents, reversedCents }) => ({
        refundedCents,
        reversedCents,
      })),
    ).toEqual([
      { refundedCents: 4999, reversedCents: 4499 },
      { refundedCents: 5001, reversedCents: 4501 },
    ]);
  });

  it('a reversal follows the part cumulative refund, half-up: 0.05 € then 0.01 € of a 10.00 € part with a 9.00 € transfer', () => {
    const ledger = part('so-1', 1000, 900);
    const first = allocateRefund([ledger], 5);
    // 5 × 0.9 = 4.5 → 5 cents (half-up).
    expect(first).toEqual([{ supplierOrderId: 'so-1', refundCents: 5, reversalCents: 5 }]);
    // 6 × 0.9 = 5.4 → 5 cents in all: nothing more to reverse.
    expect(allocateRefund(applyAll([ledger], first), 1)).toEqual([
      { supplierOrderId: 'so-1', refundCents: 1, reversalCents: 0 },
    ]);
  });

  it('without commission the producer returns every refunded cent', () => {
    expect(allocateRefund([part('so-1', 3333, 3333), part('so-2', 6667, 6667)], 1001)).toEqual([
      { supplierOrderId: 'so-1', refundCents: 334, reversalCents: 334 },
      { supplierOrderId: 'so-2', refundCents: 667, reversalCents: 667 },
    ]);
  });

  it('leaves the parts it is given unchanged', () => {
    const parts = [part('so-1', 5000, 4500), part('so-2', 5000, 4500)];
    const before = JSON.stringify(parts);
    allocateRefund(parts, 1000);
    expect(JSON.stringify(parts)).toBe(before);
  });
});

describe('cancelPart (by hand)', () => {
  it('a part nothing was refunded of: its whole total back, its whole transfer reversed', () => {
    expect(cancelPart(part('so-1', 5000, 4500))).toEqual({
      supplierOrderId: 'so-1',
      refundCents: 5000,
      reversalCents: 4500,
    });
  });

  it('50.00 € + 50.00 € at 10 %, 10.00 € refunded, then part 1 cancelled: 45.00 € refunded, 40.50 € reversed', () => {
    const [first] = applyAll(
      [part('so-1', 5000, 4500), part('so-2', 5000, 4500)],
      allocateRefund([part('so-1', 5000, 4500), part('so-2', 5000, 4500)], 1000),
    );
    expect(first).toMatchObject({ refundedCents: 500, reversedCents: 450 });
    expect(cancelPart(first)).toEqual({ supplierOrderId: 'so-1', refundCents: 4500, reversalCents: 4050 });
  });

  it('a part already fully refunded (a redelivered cancellation): nothing more', () => {
    const ledger = part('so-1', 5000, 4500);
    expect(cancelPart(afterGiveBack(ledger, cancelPart(ledger)))).toEqual({
      supplierOrderId: 'so-1',
      refundCents: 0,
      reversalCents: 0,
    });
  });

  it('a part with rounding left over from partial refunds: the reversal is exactly what is left of the transfer', () => {
    // 49.99 € part with a 44.99 € transfer, 25.00 € refunded and 22.50 € reversed: 24.99 € back, 22.49 € reversed.
    expect(
      cancelPart({
        supplierOrderId: 'so-1',
        totalCents: 4999,
        transferCents: 4499,
        refundedCents: 2500,
        reversedCents: 2250,
      }),
    ).toEqual({ supplierOrderId: 'so-1', refundCents: 2499, reversalCents: 2249 });
  });
});

/** Plain checks inside the property (jest's `expect` costs too much at that volume). */
function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

/** A part: its total, and a transfer of at most the total (commission 0–20 % most of the time, anything sometimes). */
const partArb = fc
  .record({
    totalCents: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 200_000 })),
    commission: fc.oneof(
      fc.integer({ min: 0, max: 2_000 }).map((basisPoints) => ({ basisPoints })),
      fc.double({ min: 0, max: 1, noNaN: true }).map((fraction) => ({ fraction })),
    ),
  })
  .map(({ totalCents, commission }) => {
    const commissionCents =
      'basisPoints' in commission
        ? Math.round((totalCents * commission.basisPoints) / 10_000)
        : Math.floor(totalCents * commission.fraction);
    return { totalCents, transferCents: totalCents - Math.min(commissionCents, totalCents) };
  });

/** Each step: a refund of this share of what is left (at least a cent), or a cancellation of one part. */
const stepArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 1000 }).map((permille) => ({ permille })) },
  { weight: 1, arbitrary: fc.constant({ cents: 1 }) },
  { weight: 1, arbitrary: fc.nat(5).map((cancel) => ({ cancel })) },
);

describe('allocateRefund and cancelPart (fast-check)', () => {
  it('successive refunds until all is refunded: Σ refunds == amount, reversals within the transfers, everything reversed at the end', () => {
    fc.assert(
      fc.property(
        fc.array(partArb, { minLength: 1, maxLength: 6 }),
        fc.array(stepArb, { maxLength: 30 }),
        (shapes, steps) => {
          let parts: PartLedger[] = shapes.map(({ totalCents, transferCents }, index) =>
            part(`so-${index + 1}`, totalCents, transferCents),
          );
          const journal: string[] = [];
          const invariants = (after: string): void => {
            for (const ledger of parts) {
              check(
                ledger.refundedCents >= 0 && ledger.refundedCents <= ledger.totalCents,
                () => `after ${after}: ${JSON.stringify(ledger)} (${journal.join('; ')})`,
              );
              check(
                ledger.reversedCents >= 0 && ledger.reversedCents <= ledger.transferCents,
                () => `after ${after}: ${JSON.stringify(ledger)} (${journal.join('; ')})`,
              );
              // The producer never gives back more than was refunded of its part, nor keeps more than its transfer's share of it.
              check(
                ledger.reversedCents <= ledger.refundedCents,
                () => `after ${after}: reversed more than refunded, ${JSON.stringify(ledger)}`,
              );
              check(
                2 * Math.abs(ledger.reversedCents * ledger.totalCents - ledger.refundedCents * ledger.transferCents) <=
                  ledger.totalCents,
                () => `after ${after}: reversal not the transfer's share, ${JSON.stringify(ledger)}`,
              );
              if (ledger.refundedCents === ledger.totalCents)
                check(
                  ledger.reversedCents === ledger.transferCents,
                  () => `after ${after}: fully refunded but ${JSON.stringify(ledger)}`,
                );
            }
          };
          const left = (): number => sum(parts.map((ledger) => ledger.totalCents - ledger.refundedCents));
          const refund = (amountCents: number): void => {
            const before = parts.map((ledger) => ledger.totalCents - ledger.refundedCents);
            const refunds = allocateRefund(parts, amountCents);
            check(
              sum(refunds.map((one) => one.refundCents)) === amountCents,
              () => `refund of ${amountCents}: parts get ${refunds.map((one) => one.refundCents).join('+')}`,
            );
            refunds.forEach((one, index) => {
              check(
                one.supplierOrderId === parts[index].supplierOrderId,
                () => `refund of ${amountCents}: parts out of order`,
              );
              check(
                one.refundCents >= 0 && one.refundCents <= before[index] && one.reversalCents >= 0,
                () => `refund of ${amountCents}: ${JSON.stringify(one)} with ${before[index]} left`,
              );
            });
            parts = applyAll(parts, refunds);
            journal.push(`refund ${amountCents}`);
            invariants(`refund of ${amountCents}`);
          };
          for (const step of steps) {
            if (left() === 0) break;
            if ('cancel' in step) {
              const index = step.cancel % parts.length;
              const giveBack = cancelPart(parts[index]);
              check(
                giveBack.refundCents === parts[index].totalCents - parts[index].refundedCents,
                () => `cancel ${index}: ${JSON.stringify(giveBack)}`,
              );
              parts[index] = afterGiveBack(parts[index], giveBack);
              journal.push(`cancel ${index}`);
              invariants(`cancellation of part ${index}`);
            } else {
              refund('cents' in step ? step.cents : Math.max(1, Math.floor((left() * step.permille) / 1000)));
            }
          }
          if (left() > 0) refund(left());
          for (const ledger of parts) {
            check(
              ledger.refundedCents === ledger.totalCents && ledger.reversedCents === ledger.transferCents,
              () => `all refunded, yet ${JSON.stringify(ledger)} (${journal.join('; ')})`,
            );
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
