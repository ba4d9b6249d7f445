import fc from 'fast-check';
import { type SupplierOrderCharge, splitCharge } from './charge-split';
import { PAYMENT_TRANSITIONS, PaymentEvent, PaymentStatus, isCaptured, nextPaymentStatus } from './payment-state';
import { type PartRefund, allocateRefund, cancelPart, ledgerOf } from './refund-allocation';

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
 * - A payment cancelled with its order (its time ran out: PAYMENT_EXPIRED) may still be captured by a success that
 *   was under way: it is recorded (SUCCEEDED), to be refunded in full; nothing else changes a cancelled payment.
 * - REFUNDED and PAID are final.
 */
const EXPECTED = `
                      SUCCEEDED   FAILED   CANCELLED   PARTIALLY_REFUNDED   FULLY_REFUNDED   INVOICED   INVOICES_PAID
  PENDING             SUCCEEDED   FAILED   CANCELLED   -                    -                INVOICED   -
  SUCCEEDED           -           -        -           PARTIALLY_REFUNDED   REFUNDED         -          -
  FAILED              SUCCEEDED   -        CANCELLED   -                    -                -          -
  CANCELLED           SUCCEEDED   -        -           -                    -                -          -
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
  if (header.join(' ') !== EVENTS.join(' ') || rows.length !== STATES.length)
    throw new Error('Malformed PAY-18 table header');
  return rows.flatMap(([state, ...cells], index) => {
    if (
      state !== STATES[index] ||
      cells.length !== EVENTS.length ||
      cells.some((cell) => cell !== '-' && !(STATES as string[]).includes(cell))
    ) {
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
      if (Object.keys(row).sort().join(',') !== [...EVENTS].sort().join(','))
        problems.push(`${state}: events ${Object.keys(row).join(',')}`);
      for (const event of EVENTS) {
        const next = row[event];
        if (next !== null && !(STATES as unknown[]).includes(next))
          problems.push(`${state} + ${event} → ${String(next)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each([PaymentStatus.REFUNDED, PaymentStatus.PAID])('%s is final: no event changes it', (state) => {
    expect(EVENTS.map((event) => nextPaymentStatus(state, event))).toEqual(EVENTS.map(() => null));
  });

  it('CANCELLED only records money captured after all (to refund it); nothing else changes it', () => {
    expect(EVENTS.map((event) => nextPaymentStatus(PaymentStatus.CANCELLED, event))).toEqual(
      EVENTS.map((event) => (event === PaymentEvent.SUCCEEDED ? PaymentStatus.SUCCEEDED : null)),
    );
  });

  it.each([PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED])(
    'a %s payment is never moved back by SUCCEEDED, FAILED or CANCELLED',
    (state) => {
      for (const event of [PaymentEvent.SUCCEEDED, PaymentEvent.FAILED, PaymentEvent.CANCELLED])
        expect(apply(state, event)).toBe(state);
    },
  );

  it('refund events only apply to captured money', () => {
    for (const state of STATES.filter((candidate) => !isCaptured(candidate))) {
      expect([
        nextPaymentStatus(state, PaymentEvent.PARTIALLY_REFUNDED),
        nextPaymentStatus(state, PaymentEvent.FULLY_REFUNDED),
      ]).toEqual([null, null]);
    }
  });

  it('isCaptured: SUCCEEDED, PARTIALLY_REFUNDED and REFUNDED only', () => {
    expect(STATES.filter(isCaptured).sort()).toEqual([
      PaymentStatus.PARTIALLY_REFUNDED,
      PaymentStatus.REFUNDED,
      PaymentStatus.SUCCEEDED,
    ]);
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
const LATE_FAILURE: Delivery = {
  type: 'payment_intent.payment_failed (attempt 1, redelivered late)',
  event: PaymentEvent.FAILED,
};

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
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
        const events = Array.from({ length }, (_, bit) =>
          (mask >> bit) & 1 ? PaymentEvent.SUCCEEDED : PaymentEvent.FAILED,
        );
        const run = replay(events.map((event) => ({ type: event, event })));
        const expected = events.includes(PaymentEvent.SUCCEEDED)
          ? { final: PaymentStatus.SUCCEEDED, paidSignals: 1, regressions: 0 }
          : { final: PaymentStatus.FAILED, paidSignals: 0, regressions: 0 };
        if (JSON.stringify(run) !== JSON.stringify(expected))
          wrong.push(`${events.join(',')} → ${JSON.stringify(run)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('PAY-06: random event sequences (fast-check)', () => {
  it('from PENDING, captured money never goes back to a non-captured state, REFUNDED and PAID never change, CANCELLED only to SUCCEEDED', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 30 }), (events) => {
        let state = PaymentStatus.PENDING;
        events.forEach((event, step) => {
          const next = apply(state, event);
          check(
            (STATES as string[]).includes(next),
            () => `step ${step}: ${state} + ${event} → ${String(next)}, not a state`,
          );
          if (isCaptured(state)) check(isCaptured(next), () => `step ${step}: captured ${state} + ${event} → ${next}`);
          if (
            state === PaymentStatus.REFUNDED ||
            state === PaymentStatus.PAID ||
            (state === PaymentStatus.CANCELLED && event !== PaymentEvent.SUCCEEDED)
          ) {
            checkEqual(next, state, `step ${step}: final ${state} + ${event}`);
          }
          if (state === PaymentStatus.SUCCEEDED || state === PaymentStatus.PARTIALLY_REFUNDED) {
            check(
              next !== PaymentStatus.SUCCEEDED || state === PaymentStatus.SUCCEEDED,
              () => `step ${step}: ${state} back to SUCCEEDED`,
            );
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
//   Σ captured − Σ refunded == Σ transfers − Σ reversals + commission kept; no producer reverses more than it
//   received; each part's refund ≤ its total; the commission kept per part is ≥ 0, and a fully refunded (or
//   cancelled) part has its transfer fully reversed and keeps no commission.
// `Ledger` does what the services do: the arithmetic is `refund-allocation.ts` itself (`allocateRefund`, `cancelPart`,
// called, not copied); the rest is the services' bookkeeping (RefundsService.refund on the payment, PayoutsService
// `ledgerOf`/`giveBack` on each part). `LedgerModel` tracks what each part should have been refunded, from checked
// rules: a partial refund goes to the parts in proportion to what is left of each (within a cent), a cancellation
// refunds what is left of its part; the commission a part keeps is its commission less what the platform gave up of
// it (the part's refund that its producer did not give back).
// ---------------------------------------------------------------------------------------------------------------

class RefundExceedsCaptured extends Error {}

interface TransferRow {
  supplierOrderId: string;
  totalCents: number;
  amountCents: number;
  commissionCents: number;
  refundedCents: number;
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
      refundedCents: 0,
      reversedCents: 0,
    }));
  }

  /** RefundsService.refund. */
  refund(
    amountCents: number,
    { supplierOrderId, capped = false }: { supplierOrderId?: string; capped?: boolean },
  ): number {
    if (!isCaptured(this.status)) return 0;
    if (supplierOrderId && this.refundedSupplierOrders.has(supplierOrderId)) return 0;
    const left = this.amountCents - this.refundedCents;
    const amount = capped ? Math.min(amountCents, left) : amountCents;
    if (amount > left) throw new RefundExceedsCaptured(`refund ${amount} > ${left} left`);
    if (amount <= 0) return 0;
    if (supplierOrderId) this.refundedSupplierOrders.add(supplierOrderId);
    this.refundedCents += amount;
    this.status = apply(
      this.status,
      this.refundedCents >= this.amountCents ? PaymentEvent.FULLY_REFUNDED : PaymentEvent.PARTIALLY_REFUNDED,
    );
    return amount;
  }

  /** PayoutsService.giveBack (every transfer here was sent, so it has a Stripe transfer to reverse). */
  giveBack(transfer: TransferRow, { refundCents, reversalCents }: PartRefund): void {
    transfer.refundedCents += refundCents;
    if (reversalCents > 0) transfer.reversedCents += reversalCents;
  }

  /** AdminRefundService.refundPayment (transfers ordered by supplier order id, as its query does). */
  adminRefund(amountCents: number): { refunded: number; parts: PartRefund[] } {
    if (!isCaptured(this.status)) throw new Error('not captured');
    const refunded = this.refund(amountCents, {});
    const transfers = [...this.transfers].sort((a, b) =>
      a.supplierOrderId < b.supplierOrderId ? -1 : a.supplierOrderId > b.supplierOrderId ? 1 : 0,
    );
    const parts = allocateRefund(transfers.map(ledgerOf), amountCents);
    transfers.forEach((transfer, index) => this.giveBack(transfer, parts[index]));
    return { refunded, parts };
  }

  /** CardRefundOnCancellation, for a captured payment whose transfer was sent. */
  cancel(supplierOrderId: string): { refunded: number; giveBack: PartRefund } {
    if (!isCaptured(this.status)) throw new Error('not captured');
    const transfer = this.transfers.find((row) => row.supplierOrderId === supplierOrderId)!;
    const giveBack = cancelPart(ledgerOf(transfer));
    const refunded = this.refund(giveBack.refundCents, { supplierOrderId, capped: true });
    if (refunded === giveBack.refundCents) this.giveBack(transfer, giveBack);
    return { refunded, giveBack };
  }
}

/** What the rules say each part should have been refunded, and the commission that leaves the platform. */
class LedgerModel {
  /** Per part (in `Ledger.transfers` order): what it should have been refunded so far. */
  readonly refundedByPart: number[];
  readonly cancelled = new Set<number>();
  leftToRefundCents: number;

  constructor(
    readonly capturedCents: number,
    readonly commissions: readonly number[],
  ) {
    this.refundedByPart = commissions.map(() => 0);
    this.leftToRefundCents = capturedCents;
  }

  /** The commission the platform still keeps on a part: its commission less the refund its producer did not give back. */
  commissionKept(index: number, real: Ledger): number {
    return this.commissions[index] - (this.refundedByPart[index] - real.transfers[index].reversedCents);
  }
}

function checkLedger(model: LedgerModel, real: Ledger, after: string): void {
  const steps = (): string => `; steps: ${real.journal.join('; ')}`;
  const transferred = sum(real.transfers.map((row) => row.amountCents));
  const reversed = sum(real.transfers.map((row) => row.reversedCents));
  const kept = sum(real.transfers.map((_, index) => model.commissionKept(index, real)));
  check(
    real.amountCents - real.refundedCents === transferred - reversed + kept,
    () =>
      `after ${after}: captured ${real.amountCents} − refunded ${real.refundedCents} = ${real.amountCents - real.refundedCents}, but transfers ${transferred} − reversals ${reversed} + commission kept ${kept} = ${transferred - reversed + kept}; ` +
      `transfers ${JSON.stringify(real.transfers.map(({ totalCents, amountCents, commissionCents, refundedCents, reversedCents }) => ({ totalCents, amountCents, commissionCents, refundedCents, reversedCents })))}` +
      steps(),
  );
  check(
    real.refundedCents >= 0 && real.refundedCents <= real.amountCents,
    () => `after ${after}: refunded ${real.refundedCents} of ${real.amountCents}${steps()}`,
  );
  checkEqual(real.amountCents - real.refundedCents, model.leftToRefundCents, `after ${after}: left to refund`);
  const status =
    real.refundedCents === 0
      ? PaymentStatus.SUCCEEDED
      : real.refundedCents < real.amountCents
        ? PaymentStatus.PARTIALLY_REFUNDED
        : PaymentStatus.REFUNDED;
  checkEqual(
    real.status,
    status,
    `after ${after}: payment status with ${real.refundedCents} of ${real.amountCents} refunded`,
  );
  real.transfers.forEach((row, index) => {
    const what = `after ${after}: ${row.supplierOrderId} (total ${row.totalCents}, transfer ${row.amountCents})`;
    checkEqual(row.refundedCents, model.refundedByPart[index], `${what}: refunded`);
    check(
      row.refundedCents >= 0 && row.refundedCents <= row.totalCents,
      () => `${what}: refunded ${row.refundedCents}${steps()}`,
    );
    check(
      row.reversedCents >= 0 && row.reversedCents <= row.amountCents,
      () => `${what}: reversed ${row.reversedCents}${steps()}`,
    );
    // The producer gives back its transfer's share of the part's refund, to the nearest cent: |reversed − refunded × transfer / total| ≤ ½.
    check(
      row.totalCents === 0 ||
        2 * Math.abs(row.reversedCents * row.totalCents - row.refundedCents * row.amountCents) <= row.totalCents,
      () => `${what}: reversed ${row.reversedCents} for ${row.refundedCents} refunded${steps()}`,
    );
    const commissionKept = model.commissionKept(index, real);
    check(
      commissionKept >= 0 && commissionKept <= row.commissionCents,
      () => `${what}: keeps ${commissionKept} of a ${row.commissionCents} commission${steps()}`,
    );
    if (row.refundedCents === row.totalCents || model.cancelled.has(index)) {
      checkEqual(row.reversedCents, row.amountCents, `${what}: fully refunded, reversed`);
      checkEqual(commissionKept, 0, `${what}: fully refunded, commission kept`);
    }
  });
}

/** How a partial refund's amount is chosen, against what is left when it runs. */
type RefundPick =
  | { kind: 'cents'; cents: number }
  | { kind: 'permille'; permille: number }
  | { kind: 'all-left' }
  | { kind: 'one-cent' }
  | { kind: 'over-left'; extra: number };

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
      const before = JSON.stringify(real.transfers);
      let refused = false;
      try {
        real.adminRefund(amount);
      } catch (error) {
        refused = error instanceof RefundExceedsCaptured;
      }
      check(refused, () => `${label}: ${model.leftToRefundCents} left, the refund should be refused`);
      checkEqual(JSON.stringify(real.transfers), before, `${label}: refused, the parts`);
      real.journal.push(`${label}: refused`);
    } else {
      const left = real.transfers.map((row, index) => row.totalCents - model.refundedByPart[index]);
      const leftInAll = sum(left);
      const { refunded, parts } = real.adminRefund(amount);
      checkEqual(refunded, amount, `${label}: refunded`);
      checkEqual(sum(parts.map((part) => part.refundCents)), amount, `${label}: Σ part refunds`);
      real.transfers.forEach((row, index) => {
        const part = parts.find((candidate) => candidate.supplierOrderId === row.supplierOrderId)!;
        // In proportion to what is left of each part: strictly within a cent of amount × left / Σ left.
        check(
          part.refundCents >= 0 &&
            part.refundCents <= left[index] &&
            Math.abs(part.refundCents * leftInAll - amount * left[index]) < leftInAll,
          () =>
            `${label}: ${row.supplierOrderId} gets ${part.refundCents}, ${left[index]} of ${leftInAll} left; steps: ${real.journal.join('; ')}`,
        );
        model.refundedByPart[index] += part.refundCents;
      });
      model.leftToRefundCents -= amount;
      real.journal.push(`${label}: ${parts.map((part) => `${part.refundCents}/${part.reversalCents}`).join(' ')}`);
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
    const leftOfPart = row.totalCents - model.refundedByPart[index];
    const { refunded } = real.cancel(row.supplierOrderId);
    checkEqual(refunded, leftOfPart, `${label}: refunded what was left of the part`);
    model.cancelled.add(index);
    model.refundedByPart[index] = row.totalCents;
    model.leftToRefundCents -= leftOfPart;
    real.journal.push(`${label}: refunded ${refunded}, reversed ${row.reversedCents} in all`);
    checkLedger(model, real, label);
  }
  toString(): string {
    return `CancelPart(${this.which})`;
  }
}

const refundPick: fc.Arbitrary<RefundPick> = fc.oneof(
  fc.record({
    kind: fc.constant('cents' as const),
    cents: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 200_000 })),
  }),
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

function runLedger(
  setup: { totals: number[]; basisPoints: number },
  commands: Iterable<fc.Command<LedgerModel, Ledger>>,
): void {
  const parts = setup.totals.map((totalCents, index) => ({
    supplierOrderId: `so-${index + 1}`,
    producerId: `producer-${index + 1}`,
    totalCents,
  }));
  const real = new Ledger(sum(setup.totals), parts, setup.basisPoints);
  const model = new LedgerModel(
    real.amountCents,
    real.transfers.map((row) => row.commissionCents),
  );
  checkLedger(model, real, 'capture and transfers');
  fc.modelRun(() => ({ model, real }), commands);
}

const DATA_09_RUNS = 1_000;

describe('DATA-09: the card ledger is conserved through refunds and cancellations (model-based fast-check)', () => {
  it('partial refunds only (1,000 sequences)', () => {
    fc.assert(
      fc.property(
        ledgerSetup,
        fc.commands([refundPick.map((pick) => new PartialRefundCommand(pick))], { maxCommands: 12 }),
        runLedger,
      ),
      { numRuns: DATA_09_RUNS },
    );
  });

  it('cancellations only, redeliveries included (1,000 sequences)', () => {
    fc.assert(
      fc.property(
        ledgerSetup,
        fc.commands([fc.nat(5).map((which) => new CancelPartCommand(which))], { maxCommands: 8 }),
        runLedger,
      ),
      { numRuns: DATA_09_RUNS },
    );
  });

  it('partial refunds and cancellations mixed (1,000 sequences)', () => {
    fc.assert(
      fc.property(
        ledgerSetup,
        fc.commands(
          [
            refundPick.map((pick) => new PartialRefundCommand(pick)),
            fc.nat(5).map((which) => new CancelPartCommand(which)),
          ],
          { maxCommands: 12 },
        ),
        runLedger,
      ),
      { numRuns: DATA_09_RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// DATA-09 by hand: readable euro cases. The expected figures are what the ledger equation above requires: the buyer
// gets back what is refunded, each producer returns its transfer's share of its part's refund, and the platform gives
// up only commission.
// ---------------------------------------------------------------------------------------------------------------

type Step = { refund: number } | { cancel: number };

interface LedgerSummary {
  refundedCents: number;
  /** Per part: what its buyer got back of it. */
  partRefundedCents: number[];
  reversedCents: number[];
  /** Captured − refunded − (transfers − reversals): what the platform is left with; its commission at most. */
  platformKeepsCents: number;
}

function ledgerAfter(totals: number[], basisPoints: number, steps: Step[]): LedgerSummary {
  const parts = totals.map((totalCents, index) => ({
    supplierOrderId: `so-${index + 1}`,
    producerId: `producer-${index + 1}`,
    totalCents,
  }));
  const real = new Ledger(sum(totals), parts, basisPoints);
  for (const step of steps) {
    if ('refund' in step) real.adminRefund(step.refund);
    else real.cancel(real.transfers[step.cancel].supplierOrderId);
  }
  const transferred = sum(real.transfers.map((row) => row.amountCents));
  const reversedCents = real.transfers.map((row) => row.reversedCents);
  return {
    refundedCents: real.refundedCents,
    partRefundedCents: real.transfers.map((row) => row.refundedCents),
    reversedCents,
    platformKeepsCents: real.amountCents - real.refundedCents - transferred + sum(reversedCents),
  };
}

describe('DATA-09 by hand (10 % commission)', () => {
  it('one producer, 100.00 €: a 10.00 € refund takes 9.00 € back from the producer and 1.00 € of commission', () => {
    expect(ledgerAfter([10_000], 1000, [{ refund: 1000 }])).toEqual({
      refundedCents: 1000,
      partRefundedCents: [1000],
      reversedCents: [900],
      platformKeepsCents: 900,
    });
  });

  it('one producer, 100.00 €: a 10.00 € refund, then the part is cancelled: 90.00 € more, everything reversed, nothing kept', () => {
    expect(ledgerAfter([10_000], 1000, [{ refund: 1000 }, { cancel: 0 }])).toEqual({
      refundedCents: 10_000,
      partRefundedCents: [10_000],
      reversedCents: [9000],
      platformKeepsCents: 0,
    });
  });

  it('two producers, 50.00 € each: both parts cancelled (one cancellation delivered twice): all back, nothing kept', () => {
    expect(ledgerAfter([5000, 5000], 1000, [{ cancel: 0 }, { cancel: 0 }, { cancel: 1 }])).toEqual({
      refundedCents: 10_000,
      partRefundedCents: [5000, 5000],
      reversedCents: [4500, 4500],
      platformKeepsCents: 0,
    });
  });

  it('two producers, 50.00 € each: a refund of more than is left is refused', () => {
    expect(() => ledgerAfter([5000, 5000], 1000, [{ cancel: 0 }, { refund: 5001 }])).toThrow(RefundExceedsCaptured);
  });

  // Part 1 is cancelled (50.00 € back, its 45.00 € transfer reversed); the 10.00 € refund then goes wholly to part 2,
  // the only one with something left: producer 2 returns 9.00 €, the platform gives up 1.00 € of its 5.00 €.
  it('a partial refund after a cancellation is borne by the remaining producer and the platform: 50.00 € + 50.00 €, part 1 cancelled, then 10.00 € refunded', () => {
    expect(ledgerAfter([5000, 5000], 1000, [{ cancel: 0 }, { refund: 1000 }])).toEqual({
      refundedCents: 6000,
      partRefundedCents: [5000, 1000],
      reversedCents: [4500, 900],
      platformKeepsCents: 400,
    });
  });

  // The 10.00 € refund gives 5.00 € of each part back (4.50 € reversed from each producer); cancelling part 1 then
  // refunds only the 45.00 € left of it and reverses the 40.50 € left of its transfer: 55.00 € back in all, and the
  // platform keeps producer 2's 5.00 € commission less the 0.50 € it gave up on the refund.
  it('a cancellation after a partial refund refunds only what is left of the part: 50.00 € + 50.00 €, 10.00 € refunded, then part 1 cancelled', () => {
    expect(ledgerAfter([5000, 5000], 1000, [{ refund: 1000 }, { cancel: 0 }])).toEqual({
      refundedCents: 5500,
      partRefundedCents: [5000, 500],
      reversedCents: [4500, 450],
      platformKeepsCents: 450,
    });
  });

  // The first 50.00 € goes 25.00 € / 25.00 € (a tie, the extra cent to part 1), the second 24.99 € / 25.01 €: each
  // part ends fully refunded, and the reversals follow each part's cumulative refund, so no cent is left over.
  it('a full refund in two halves leaves no cent with a producer: 49.99 € + 50.01 € refunded as 2 × 50.00 €, both transfers fully reversed', () => {
    expect(ledgerAfter([4999, 5001], 1000, [{ refund: 5000 }])).toEqual({
      refundedCents: 5000,
      partRefundedCents: [2500, 2500],
      reversedCents: [2250, 2250],
      platformKeepsCents: 500,
    });
    expect(ledgerAfter([4999, 5001], 1000, [{ refund: 5000 }, { refund: 5000 }])).toEqual({
      refundedCents: 10_000,
      partRefundedCents: [4999, 5001],
      reversedCents: [4499, 4501],
      platformKeepsCents: 0,
    });
  });
});
