import fc from 'fast-check';
import { splitProportionally } from '@app/ordering';
import { type SupplierOrderCharge, splitCharge } from './charge-split';
import { PAYMENT_TRANSITIONS, PaymentEvent, PaymentStatus, isCaptured, nextPaymentStatus } from './payment-state';

/**
 * Plain checks inside the large properties (jest's `expect` costs too much at that volume): a failure throws, and
 * fast-check reports the shrunk counterexample with this message.
 */
function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}
function checkEqual<T>(actual: T, expected: T, what: string): void {
  check(Object.is(actual, expected), () => `${what}: expected ${String(expected)}, got ${String(actual)}`);
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

const STATES = Object.values(PaymentStatus);
const EVENTS = Object.values(PaymentEvent);

/** Applies one event as the services do (`applyPaymentEvent`): no outcome means no change. */
const apply = (state: PaymentStatus, event: PaymentEvent): PaymentStatus => nextPaymentStatus(state, event) ?? state;

// ---------------------------------------------------------------------------------------------------------------
// PAY-18 (RELIABILITY.md §3.1): every (state × event) pair has an explicit outcome.
// ---------------------------------------------------------------------------------------------------------------

/**
 * The expected table, written out from PRODUCT.md §3 `Payment.status` and RELIABILITY.md PAY-06/PAY-18 (not derived
 * from the implementation): row = current state, column = event, cell = next state, `-` = the event changes nothing.
 * - A card payment goes PENDING → SUCCEEDED; a failed attempt may be followed by a success with another card; a
 *   success is never undone by a late failure or cancellation; refunds only apply to captured money.
 * - An invoice-paid order goes PENDING → INVOICED → PAID, or is cancelled while unpaid.
 * - REFUNDED, CANCELLED and PAID are final.
 */
const EXPECTED = `
                      SUCCEEDED   FAILED   CANCELLED   PARTIALLY_REFUNDED   FULLY_REFUNDED   INVOICED   INVOICES_PAID
  PENDING             SUCCEEDED   FAILED   CANCELLED   -                    -                INVOICED   -
  SUCCEEDED           -           -        -           PARTIALLY_REFUNDED   REFUNDED         -          -
  FAILED              SUCCEEDED   -        CANCELLED   -                    -                -          -
  CANCELLED           -           -        -           -                    -                -          -
  REFUNDED            -           -        -           -                    -                -          -
  PARTIALLY_REFUNDED  -           -        -           PARTIALLY_REFUNDED   REFUNDED         -          -
  INVOICED            -           -        CANCELLED   -                    -                -          PAID
  PAID                -           -        -           -                    -                -          -
`;

interface TransitionCase {
  state: PaymentStatus;
  event: PaymentEvent;
  next: PaymentStatus | null;
  outcome: string;
}

/** Reads the grid, checking it is well formed: the header is exactly the events, the rows exactly the states. */
function parseTable(): TransitionCase[] {
  const [header, ...rows] = EXPECTED.trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  if (header.join(' ') !== EVENTS.join(' ') || rows.length !== STATES.length) throw new Error('Malformed PAY-18 table header');
  return rows.flatMap(([state, ...cells], index) => {
    if (state !== STATES[index] || cells.length !== EVENTS.length || cells.some((cell) => cell !== '-' && !(STATES as string[]).includes(cell))) {
      throw new Error(`Malformed PAY-18 table row ${state}`);
    }
    return cells.map((cell, column) => ({
      state: STATES[index],
      event: EVENTS[column],
      next: cell === '-' ? null : (cell as PaymentStatus),
      outcome: cell === '-' ? 'no change' : `→ ${cell}`,
    }));
  });
}

const CASES = parseTable();

describe('PAY-18: the payment state table, every (state × event)', () => {
  it('the expected table has 8 states × 7 events = 56 cells', () => {
    expect(STATES).toHaveLength(8);
    expect(EVENTS).toHaveLength(7);
    expect(CASES).toHaveLength(56);
  });

  it.each(CASES)('$state + $event: $outcome', ({ state, event, next }) => {
    expect(nextPaymentStatus(state, event)).toBe(next);
  });

  it('PAYMENT_TRANSITIONS has exactly one explicit outcome (a state or null, never undefined) for every pair', () => {
    expect(Object.keys(PAYMENT_TRANSITIONS).sort()).toEqual([...STATES].sort());
    const problems: string[] = [];
    for (const state of STATES) {
      const row = PAYMENT_TRANSITIONS[state] as Record<string, unknown>;
      if (Object.keys(row).sort().join(',') !== [...EVENTS].sort().join(',')) problems.push(`${state}: events ${Object.keys(row).join(',')}`);
      for (const event of EVENTS) {
        const next = row[event];
        if (next !== null && !(STATES as unknown[]).includes(next)) problems.push(`${state} + ${event} → ${String(next)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each([PaymentStatus.REFUNDED, PaymentStatus.CANCELLED, PaymentStatus.PAID])('%s is final: no event changes it', (state) => {
    expect(EVENTS.map((event) => nextPaymentStatus(state, event))).toEqual(EVENTS.map(() => null));
  });

  it.each([PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED])('a %s payment is never moved back by SUCCEEDED, FAILED or CANCELLED', (state) => {
    for (const event of [PaymentEvent.SUCCEEDED, PaymentEvent.FAILED, PaymentEvent.CANCELLED]) expect(apply(state, event)).toBe(state);
  });

  it('refund events only apply to captured money', () => {
    for (const state of STATES.filter((candidate) => !isCaptured(candidate))) {
      expect([nextPaymentStatus(state, PaymentEvent.PARTIALLY_REFUNDED), nextPaymentStatus(state, PaymentEvent.FULLY_REFUNDED)]).toEqual([null, null]);
    }
  });

  it('isCaptured: SUCCEEDED, PARTIALLY_REFUNDED and REFUNDED only', () => {
    expect(STATES.filter(isCaptured).sort()).toEqual([PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED, PaymentStatus.SUCCEEDED]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// PAY-06 (RELIABILITY.md §3.1): out-of-order events converge. All 24 orders of four deliveries for one PaymentIntent,
// then a late `payment_failed` of an earlier attempt after `succeeded`: 24/24 end SUCCEEDED, 0 regressions, exactly
// one transition into SUCCEEDED (the one `order.paid`).
// ---------------------------------------------------------------------------------------------------------------

interface Delivery {
  type: string;
  /** The event the webhook applies (`stripe-event.service.ts`); undefined for types it does not handle. */
  event: PaymentEvent | undefined;
}

/** Four distinct deliveries: two failed attempts (declined card, failed 3-D Secure), one unhandled type, the success. */
const DELIVERIES: readonly Delivery[] = [
  { type: 'payment_intent.payment_failed (attempt 1)', event: PaymentEvent.FAILED },
  { type: 'payment_intent.payment_failed (attempt 2)', event: PaymentEvent.FAILED },
  { type: 'payment_intent.requires_action (not handled)', event: undefined },
  { type: 'payment_intent.succeeded (attempt 3)', event: PaymentEvent.SUCCEEDED },
];
const LATE_FAILURE: Delivery = { type: 'payment_intent.payment_failed (attempt 1, redelivered late)', event: PaymentEvent.FAILED };

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

interface Run {
  final: PaymentStatus;
  /** Transitions into SUCCEEDED (each would enqueue one `order.paid`). */
  paidSignals: number;
  /** Steps where a succeeded payment left SUCCEEDED. */
  regressions: number;
}

/** Replays deliveries from PENDING as the webhook does: `applyPaymentEvent`, and `order.paid` on entering SUCCEEDED. */
function replay(deliveries: readonly Delivery[]): Run {
  let state = PaymentStatus.PENDING;
  let paidSignals = 0;
  let regressions = 0;
  for (const { event } of deliveries) {
    if (!event) continue;
    const next = apply(state, event);
    if (next !== state && next === PaymentStatus.SUCCEEDED) paidSignals += 1;
    if (state === PaymentStatus.SUCCEEDED && next !== PaymentStatus.SUCCEEDED) regressions += 1;
    state = next;
  }
  return { final: state, paidSignals, regressions };
}

const ORDERS = permutations(DELIVERIES).map((deliveries) => ({
  name: deliveries.map((delivery) => delivery.type.replace('payment_intent.', '')).join(' → '),
  deliveries: [...deliveries, LATE_FAILURE],
}));

describe('PAY-06: out-of-order card events converge', () => {
  it('there are 24 distinct delivery orders', () => {
    expect(ORDERS).toHaveLength(24);
    expect(new Set(ORDERS.map((order) => order.name)).size).toBe(24);
  });

  it.each(ORDERS)('$name → late failure: SUCCEEDED, one order.paid, no regression', ({ deliveries }) => {
    expect(replay(deliveries)).toEqual({ final: PaymentStatus.SUCCEEDED, paidSignals: 1, regressions: 0 });
  });

  it('every sequence of up to 7 FAILED/SUCCEEDED events containing a SUCCEEDED ends SUCCEEDED, entered once', () => {
    const wrong: string[] = [];
    for (let length = 1; length <= 7; length += 1) {
      for (let mask = 0; mask < 2 ** length; mask += 1) {
        const events = Array.from({ length }, (_, bit) => ((mask >> bit) & 1 ? PaymentEvent.SUCCEEDED : PaymentEvent.FAILED));
        const run = replay(events.map((event) => ({ type: event, event })));
        const expected = events.includes(PaymentEvent.SUCCEEDED) ? { final: PaymentStatus.SUCCEEDED, paidSignals: 1, regressions: 0 } : { final: PaymentStatus.FAILED, paidSignals: 0, regressions: 0 };
        if (JSON.stringify(run) !== JSON.stringify(expected)) wrong.push(`${events.join(',')} → ${JSON.stringify(run)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('PAY-06: random event sequences (fast-check)', () => {
  it('from PENDING, captured money never goes back to a non-captured state, and REFUNDED, CANCELLED and PAID never change', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 30 }), (events) => {
        let state = PaymentStatus.PENDING;
        events.forEach((event, step) => {
          const next = apply(state, event);
          check((STATES as string[]).includes(next), () => `step ${step}: ${state} + ${event} → ${String(next)}, not a state`);
          if (isCaptured(state)) check(isCaptured(next), () => `step ${step}: captured ${state} + ${event} → ${next}`);
          if (state === PaymentStatus.REFUNDED || state === PaymentStatus.CANCELLED || state === PaymentStatus.PAID) {
            checkEqual(next, state, `step ${step}: final ${state} + ${event}`);
          }
          if (state === PaymentStatus.SUCCEEDED || state === PaymentStatus.PARTIALLY_REFUNDED) {
            check(next !== PaymentStatus.SUCCEEDED || state === PaymentStatus.SUCCEEDED, () => `step ${step}: ${state} back to SUCCEEDED`);
          }
          state = next;
        });
      }),
      { numRuns: 10_000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// DATA-09 (RELIABILITY.md §3.6), model-based: one captured card payment split among 1–6 producers with splitCharge;
// commands: an admin's partial refund (`admin-refund.service.ts`) and the cancellation of one producer's part
// (`card-settlement.handlers.ts` CardRefundOnCancellation). After every command:
//   Σ captured − Σ refunded == Σ transfers − Σ reversals + commission kept, and no producer's reversals exceed its
//   transfer.
// `Ledger` mirrors the services' arithmetic exactly (RefundsService.refund, PayoutsService.reverse, the admin refund's
// split over [transfers…, commission]); `LedgerModel` keeps the commission the platform is entitled to, by the rules:
// a partial refund gives up the commission's share of the split, a cancellation gives up that part's commission (what
// is still kept of it, when partial refunds already took some).
// ---------------------------------------------------------------------------------------------------------------

class RefundExceedsCaptured extends Error {}

interface TransferRow {
  supplierOrderId: string;
  totalCents: number;
  amountCents: number;
  commissionCents: number;
  reversedCents: number;
}

/** What the services do to the payment, its refunds and the producer transfers, with the same rules. */
class Ledger {
  status = PaymentStatus.SUCCEEDED;
  refundedCents = 0;
  readonly refundedSupplierOrders = new Set<string>();
  readonly transfers: TransferRow[];
  readonly journal: string[] = [];

  constructor(
    readonly amountCents: number,
    parts: readonly SupplierOrderCharge[],
    basisPoints: number,
  ) {
    this.transfers = splitCharge(parts, basisPoints).map((share) => ({
      supplierOrderId: share.supplierOrderId,
      totalCents: share.totalCents,
      amountCents: share.transferCents,
      commissionCents: share.commissionCents,
      reversedCents: 0,
    }));
  }

  /** RefundsService.refund. */
  refund(amountCents: number, { supplierOrderId, capped = false }: { supplierOrderId?: string; capped?: boolean }): number {
    if (!isCaptured(this.status)) return 0;
    if (supplierOrderId && this.refundedSupplierOrders.has(supplierOrderId)) return 0;
    const left = this.amountCents - this.refundedCents;
    const amount = capped ? Math.min(amountCents, left) : amountCents;
    if (amount > left) throw new RefundExceedsCaptured(`refund ${amount} > ${left} left`);
    if (amount <= 0) return 0;
    if (supplierOrderId) this.refundedSupplierOrders.add(supplierOrderId);
    this.refundedCents += amount;
    this.status = apply(this.status, this.refundedCents >= this.amountCents ? PaymentEvent.FULLY_REFUNDED : PaymentEvent.PARTIALLY_REFUNDED);
    return amount;
  }

  /** PayoutsService.reverse. */
  reverse(supplierOrderId: string, amountCents?: number): number {
    const transfer = this.transfers.find((row) => row.supplierOrderId === supplierOrderId)!;
    const amount = Math.min(amountCents ?? transfer.amountCents, transfer.amountCents - transfer.reversedCents);
    if (amount <= 0) return 0;
    transfer.reversedCents += amount;
    return amount;
  }

  /** AdminRefundService.refundPayment (transfers ordered by supplier order id, as its query does). */
  adminRefund(amountCents: number): { refunded: number; shares: number[] } {
    if (!isCaptured(this.status)) throw new Error('not captured');
    const refunded = this.refund(amountCents, {});
    const transfers = [...this.transfers].sort((a, b) => (a.supplierOrderId < b.supplierOrderId ? -1 : a.supplierOrderId > b.supplierOrderId ? 1 : 0));
    const commissionCents = sum(transfers.map((transfer) => transfer.commissionCents));
    const shares = splitProportionally(refunded, [...transfers.map((transfer) => transfer.amountCents), commissionCents]);
    transfers.forEach((transfer, index) => this.reverse(transfer.supplierOrderId, shares[index]));
    return { refunded, shares };
  }

  /** CardRefundOnCancellation, for a captured payment: refund the part's total (capped), reverse its whole transfer. */
  cancel(supplierOrderId: string): void {
    const part = this.transfers.find((row) => row.supplierOrderId === supplierOrderId)!;
    this.refund(part.totalCents, { supplierOrderId, capped: true });
    this.reverse(supplierOrderId);
  }
}

/** The commission the platform is entitled to, and what the model expects of the refunds. */
class LedgerModel {
  commissionKeptCents: number;
  /** Per part: the commission still kept for it (partial refunds' commission shares attributed pro rata). */
  readonly commissionByPart: number[];
  readonly cancelled = new Set<number>();
  leftToRefundCents: number;

  constructor(
    readonly capturedCents: number,
    commissions: readonly number[],
  ) {
    this.commissionByPart = [...commissions];
    this.commissionKeptCents = sum(commissions);
    this.leftToRefundCents = capturedCents;
  }
}

function checkLedger(model: LedgerModel, real: Ledger, after: string): void {
  const transferred = sum(real.transfers.map((row) => row.amountCents));
  const reversed = sum(real.transfers.map((row) => row.reversedCents));
  check(
    real.amountCents - real.refundedCents === transferred - reversed + model.commissionKeptCents,
    () =>
      `after ${after}: captured ${real.amountCents} − refunded ${real.refundedCents} = ${real.amountCents - real.refundedCents}, but transfers ${transferred} − reversals ${reversed} + commission kept ${model.commissionKeptCents} = ${transferred - reversed + model.commissionKeptCents}; ` +
      `transfers ${JSON.stringify(real.transfers.map(({ totalCents, amountCents, commissionCents, reversedCents }) => ({ totalCents, amountCents, commissionCents, reversedCents })))}; ` +
      `steps: ${real.journal.join('; ')}`,
  );
  for (const row of real.transfers) {
    check(row.reversedCents >= 0 && row.reversedCents <= row.amountCents, () => `after ${after}: ${row.supplierOrderId} reversed ${row.reversedCents} of a ${row.amountCents} transfer`);
  }
  check(real.refundedCents >= 0 && real.refundedCents <= real.amountCents, () => `after ${after}: refunded ${real.refundedCents} of ${real.amountCents}`);
}

/** How a partial refund's amount is chosen, against what is left when it runs. */
type RefundPick = { kind: 'cents'; cents: number } | { kind: 'permille'; permille: number } | { kind: 'all-left' } | { kind: 'one-cent' } | { kind: 'over-left'; extra: number };

function resolveRefund(pick: RefundPick, left: number): number {
  switch (pick.kind) {
    case 'cents':
      return pick.cents;
    case 'permille':
      return Math.max(1, Math.floor((left * pick.permille) / 1000));
    case 'all-left':
      return Math.max(1, left);
    case 'one-cent':
      return 1;
    case 'over-left':
      return left + pick.extra;
  }
}

class PartialRefundCommand implements fc.Command<LedgerModel, Ledger> {
  constructor(readonly pick: RefundPick) {}
  check(): boolean {
    return true;
  }
  run(model: LedgerModel, real: Ledger): void {
    const amount = resolveRefund(this.pick, model.leftToRefundCents);
    const label = `partial refund of ${amount}`;
    if (amount > model.leftToRefundCents) {
      let refused = false;
      try {
        real.adminRefund(amount);
      } catch (error) {
        refused = error instanceof RefundExceedsCaptured;
      }
      check(refused, () => `${label}: ${model.leftToRefundCents} left, the refund should be refused`);
      real.journal.push(`${label}: refused`);
    } else {
      const { refunded, shares } = real.adminRefund(amount);
      checkEqual(refunded, amount, `${label}: refunded`);
      checkEqual(sum(shares), amount, `${label}: Σ shares`);
      model.leftToRefundCents -= amount;
      const commissionShare = shares[shares.length - 1];
      model.commissionKeptCents -= commissionShare;
      // Attribute the commission given up to the parts still live, pro rata of what they still keep.
      const weights = model.commissionByPart.map((kept, index) => (model.cancelled.has(index) ? 0 : kept));
      splitProportionally(commissionShare, weights).forEach((given, index) => {
        model.commissionByPart[index] -= given;
      });
      real.journal.push(`${label}: shares ${shares.join('/')}`);
    }
    checkLedger(model, real, label);
  }
  toString(): string {
    return `PartialRefund(${JSON.stringify(this.pick)})`;
  }
}

class CancelPartCommand implements fc.Command<LedgerModel, Ledger> {
  constructor(readonly which: number) {}
  check(): boolean {
    return true;
  }
  run(model: LedgerModel, real: Ledger): void {
    const index = this.which % real.transfers.length;
    const row = real.transfers[index];
    const label = `cancellation of ${row.supplierOrderId}${model.cancelled.has(index) ? ' (redelivered)' : ''}`;
    const refundedBefore = real.refundedCents;
    real.cancel(row.supplierOrderId);
    model.leftToRefundCents -= real.refundedCents - refundedBefore;
    if (!model.cancelled.has(index)) {
      model.cancelled.add(index);
      model.commissionKeptCents -= model.commissionByPart[index];
      model.commissionByPart[index] = 0;
    }
    real.journal.push(`${label}: refunded ${real.refundedCents - refundedBefore}, reversed ${row.reversedCents} in all`);
    checkLedger(model, real, label);
  }
  toString(): string {
    return `CancelPart(${this.which})`;
  }
}

const refundPick: fc.Arbitrary<RefundPick> = fc.oneof(
  fc.record({ kind: fc.constant('cents' as const), cents: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 200_000 })) }),
  fc.record({ kind: fc.constant('permille' as const), permille: fc.integer({ min: 1, max: 1000 }) }),
  fc.constant({ kind: 'all-left' as const }),
  fc.constant({ kind: 'one-cent' as const }),
  fc.record({ kind: fc.constant('over-left' as const), extra: fc.integer({ min: 1, max: 1000 }) }),
);

const partTotal = fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 200_000 }));
const ledgerSetup = fc.record({
  totals: fc.array(partTotal, { minLength: 1, maxLength: 6 }),
  basisPoints: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.constantFrom(0, 500, 750, 1000, 2000)),
});

function runLedger(setup: { totals: number[]; basisPoints: number }, commands: Iterable<fc.Command<LedgerModel, Ledger>>): void {
  const parts = setup.totals.map((totalCents, index) => ({ supplierOrderId: `so-${index + 1}`, producerId: `producer-${index + 1}`, totalCents }));
  const real = new Ledger(sum(setup.totals), parts, setup.basisPoints);
  const model = new LedgerModel(real.amountCents, real.transfers.map((row) => row.commissionCents));
  checkLedger(model, real, 'capture and transfers');
  fc.modelRun(() => ({ model, real }), commands);
}

const DATA_09_RUNS = 1_000;

describe('DATA-09: the card ledger is conserved through refunds and cancellations (model-based fast-check)', () => {
  it('partial refunds only (1,000 sequences)', () => {
    fc.assert(
      fc.property(ledgerSetup, fc.commands([refundPick.map((pick) => new PartialRefundCommand(pick))], { maxCommands: 12 }), runLedger),
      { numRuns: DATA_09_RUNS },
    );
  });

  it('cancellations only, redeliveries included (1,000 sequences)', () => {
    fc.assert(
      fc.property(ledgerSetup, fc.commands([fc.nat(5).map((which) => new CancelPartCommand(which))], { maxCommands: 8 }), runLedger),
      { numRuns: DATA_09_RUNS },
    );
  });

  it('partial refunds and cancellations mixed (1,000 sequences)', () => {
    fc.assert(
      fc.property(
        ledgerSetup,
        fc.commands([refundPick.map((pick) => new PartialRefundCommand(pick)), fc.nat(5).map((which) => new CancelPartCommand(which))], { maxCommands: 12 }),
        runLedger,
      ),
      { numRuns: DATA_09_RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// DATA-09 by hand: readable euro cases. The expected figures are what the ledger equation above requires: the buyer
// gets back what is refunded, each producer returns its part of it, and the platform gives up only commission.
// ---------------------------------------------------------------------------------------------------------------

type Step = { refund: number } | { cancel: number };

interface LedgerSummary {
  refundedCents: number;
  reversedCents: number[];
  /** Captured − refunded − (transfers − reversals): what the platform is left with; its commission at most. */
  platformKeepsCents: number;
}

function ledgerAfter(totals: number[], basisPoints: number, steps: Step[]): LedgerSummary {
  const parts = totals.map((totalCents, index) => ({ supplierOrderId: `so-${index + 1}`, producerId: `producer-${index + 1}`, totalCents }));
  const real = new Ledger(sum(totals), parts, basisPoints);
  for (const step of steps) {
    if ('refund' in step) real.adminRefund(step.refund);
    else real.cancel(real.transfers[step.cancel].supplierOrderId);
  }
  const transferred = sum(real.transfers.map((row) => row.amountCents));
  const reversedCents = real.transfers.map((row) => row.reversedCents);
  return { refundedCents: real.refundedCents, reversedCents, platformKeepsCents: real.amountCents - real.refundedCents - transferred + sum(reversedCents) };
}

describe('DATA-09 by hand (10 % commission)', () => {
  it('one producer, 100.00 €: a 10.00 € refund takes 9.00 € back from the producer and 1.00 € of commission', () => {
    expect(ledgerAfter([10_000], 1000, [{ refund: 1000 }])).toEqual({ refundedCents: 1000, reversedCents: [900], platformKeepsCents: 900 });
  });

  it('one producer, 100.00 €: a 10.00 € refund, then the part is cancelled: 90.00 € more, everything reversed, nothing kept', () => {
    expect(ledgerAfter([10_000], 1000, [{ refund: 1000 }, { cancel: 0 }])).toEqual({ refundedCents: 10_000, reversedCents: [9000], platformKeepsCents: 0 });
  });

  it('two producers, 50.00 € each: both parts cancelled (one cancellation delivered twice): all back, nothing kept', () => {
    expect(ledgerAfter([5000, 5000], 1000, [{ cancel: 0 }, { cancel: 0 }, { cancel: 1 }])).toEqual({ refundedCents: 10_000, reversedCents: [4500, 4500], platformKeepsCents: 0 });
  });

  it('two producers, 50.00 € each: a refund of more than is left is refused', () => {
    expect(() => ledgerAfter([5000, 5000], 1000, [{ cancel: 0 }, { refund: 5001 }])).toThrow(RefundExceedsCaptured);
  });

  // Known defect (AdminRefundService): the refund is split over the transfers as made, cancelled ones included. The
  // cancelled producer's share cannot be reversed (its transfer is already fully reversed) and is passed to nobody:
  // the platform pays 4.50 € of producer 2's share out of its own money.
  it('DEFECT: 50.00 € + 50.00 €, part 1 cancelled, then a 10.00 € refund: producer 2 should return 9.00 €, the platform give up 1.00 €', () => {
    expect(ledgerAfter([5000, 5000], 1000, [{ cancel: 0 }, { refund: 1000 }])).toEqual({ refundedCents: 6000, reversedCents: [4500, 900], platformKeepsCents: 400 });
  });

  // Known defect (CardRefundOnCancellation): the cancellation refunds the part's whole total although an earlier
  // partial refund already gave back 5.00 € of it (4.50 € reversed from producer 1, 0.50 € of its commission): the
  // buyer gets 60.00 € back for a 50.00 € part plus a 10.00 € goodwill refund that already covered 5.00 € of it, and
  // the platform ends 0.50 € out of pocket instead of keeping 4.50 € of producer 2's commission.
  it('DEFECT: 50.00 € + 50.00 €, a 10.00 € refund, then part 1 cancelled: only the 45.00 € left of part 1 should be refunded', () => {
    expect(ledgerAfter([5000, 5000], 1000, [{ refund: 1000 }, { cancel: 0 }])).toEqual({ refundedCents: 5500, reversedCents: [4500, 450], platformKeepsCents: 450 });
  });

  // Known defect (AdminRefundService): each split gives the tied extra cent to the first producer; over two refunds
  // producer 1's shares exceed its transfer by one cent, the reversal is capped and the cent is passed to nobody.
  it('DEFECT: 49.99 € + 50.01 € refunded in two halves of 50.00 €: both transfers should be fully reversed', () => {
    expect(ledgerAfter([4999, 5001], 1000, [{ refund: 5000 }, { refund: 5000 }])).toEqual({ refundedCents: 10_000, reversedCents: [4499, 4501], platformKeepsCents: 0 });
  });
});
