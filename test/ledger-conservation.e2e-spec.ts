import fc from 'fast-check';
import { FailedJobs } from '@app/platform';
import { cardPayments, TRANSFER_REFUSED, type TransferRow, transferRowsOf } from './support/card-order-fixtures';
import { type FakeStripe, startFakeStripe, stripeDispute, stripeEvent } from './support/fake-stripe';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { type Market, createMarket } from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';
import { waitFor } from './support/test-services';

// DATA-09 (RELIABILITY.md), on the services themselves (issue #20 item 7): random sequences of commands against the
// running API and worker on PostgreSQL and Redis, Stripe faked by its local HTTP server. Each sequence starts with a
// card order from two producers paid by a signed `payment_intent.succeeded` (the webhook; its ORDER_PAID job and one
// PRODUCER_TRANSFER job per producer run in the real worker), then mixes an admin's partial refunds (refundPayment),
// the buyer's cancellation of a part (a refund, then a REVERSE_TRANSFER job) and waits for the job runner, in any
// order — refunds may land while transfers and reversals are still running. In some sequences Stripe refuses one
// producer's transfer (it fails for good, an alert) until support retries it, mid-sequence or at its end: a refund
// meanwhile is spread over both parts all the same, the unpaid producer's share withheld from its transfer to come
// (issue #24 follow-up: it used to be spread over the paid part only). After the sequence, from the database
// rows (payment, payment_refund, producer_transfer) and what the fake Stripe holds:
//   Σ captured − Σ refunded == Σ transfers − Σ reversals + platform commission kept
// with each producer's reversals within what it received (no negative balance; there is no debt entry), each part's
// reversal its transfer's share of its refund (half-up, the rule of refund-allocation.ts), the commission kept per
// part between 0 and its commission, and every amount recorded here equal to what Stripe did (a transfer made after
// a refund is its amount less the share withheld, booked with the reversals).
// Disputes are in the commands too (PAY-17): a signed `charge.dispute.created` for what is left of the payment (its
// producers give back their share, by reversal jobs or withheld from a transfer to come), then maybe a
// `charge.dispute.closed`, won (a re-transfer job per producer) or lost; refunds and cancellations are not tried once
// the payment is disputed (Stripe refuses to refund a disputed charge: the API refuses too), but for the buyer's
// cancellation of a part once the dispute is lost (the bank gave back what was left of every part: the part is
// cancelled with no refund and no second reversal). The equation then reads
//   Σ captured − Σ refunded − Σ disputed (open or lost) == Σ transfers − Σ reversals + Σ re-transfers + commission kept.
// 30 sequences by default (0.8–1 s each at load 7–10 on 2 cores: 20 sequences took 16 and 20 s, so ~30 s, and
// under 60 s at twice the load); DATA09_RUNS sets the number (RELIABILITY's 1,000: DATA09_RUNS=1000, 15–20 minutes).

const WEBHOOK_SECRET = 'whsec_ancrage_ledger';
const RUNS = Number(process.env.DATA09_RUNS ?? 30);
const REFUND =
  'mutation ($id: ID!, $amount: Int!) { refundPayment(orderId: $id, amountCents: $amount, reason: "Geste commercial") { refundedCents } }';
const CANCEL = 'mutation ($id: ID!) { cancelSupplierOrder(id: $id, reason: "Plus besoin") { id status } }';

interface Sale {
  orderId: string;
  parts: string[];
  /** Each part's total as placed, by id. */
  totals: Map<string, number>;
  paymentIntentId: string;
}
/** What the test knows without reading the services: the amount paid and what the buyer asked back. */
interface SaleModel {
  capturedCents: number;
  refundedCents: number;
  cancelled: Set<string>;
  /** Where the sale's dispute stands (one per charge), and what it took of the payment. */
  dispute: 'NONE' | 'OPEN' | 'WON' | 'LOST';
  disputedCents: number;
}
interface Real {
  sale: Sale;
}
/** Once disputed, a payment is not refunded (Stripe refuses): no refund nor cancellation is tried then. */
const disputed = (model: Readonly<SaleModel>) => model.dispute !== 'NONE';
/**
 * A part may be cancelled while the payment is not disputed (it is refunded), or once a dispute for all that was left
 * of the payment is lost (the bank gave it back: nothing is refunded).
 */
const cancellable = (model: Readonly<SaleModel>) => !disputed(model) || model.dispute === 'LOST';
/** Open or lost, a dispute holds the buyer's money: the parts count it as refunded. */
const disputeHolds = (model: Readonly<SaleModel>) => model.dispute === 'OPEN' || model.dispute === 'LOST';

describe('DATA-09: the ledger is conserved by the running services (fast-check, PostgreSQL, worker, fake Stripe)', () => {
  let fake: FakeStripe;
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;
  let admin: TestSession;
  /** What the sequences did, so that a run where nothing was refunded cannot pass for a proof. */
  const done = {
    refunds: 0,
    refused: 0,
    tooEarly: 0,
    cancellations: 0,
    refusedTransfers: 0,
    retried: 0,
    withheld: 0,
    disputes: 0,
    won: 0,
    lost: 0,
    /** A part cancelled once a dispute was lost (no refund): walked by the second example sequence. */
    cancelledAfterLoss: 0,
  };

  const card = cardPayments(() => ({ stack, fake, market }), WEBHOOK_SECRET);
  const rows = <T>(sql: string, params: unknown[] = []) => stack.em.fork().execute<T[]>(sql, params);

  /** A consumer's card order from the farm and the orchard, paid through a verified webhook. */
  const paidSale = async (carrots: number, cider: number): Promise<{ sale: Sale; capturedCents: number }> => {
    const { order, paymentIntentId } = await card.paidCardOrder({ carrots, drinks: cider });
    return {
      sale: {
        orderId: order.id,
        parts: order.supplierOrders.map((part) => part.id),
        totals: new Map(order.supplierOrders.map((part) => [part.id, part.totalCents])),
        paymentIntentId,
      },
      capturedCents: order.totalCents,
    };
  };

  class AdminRefund implements fc.AsyncCommand<SaleModel, Real> {
    /** `share` of what is left, in thousandths: above 1,000 asks more than is left. */
    constructor(readonly share: number) {}
    check = (model: Readonly<SaleModel>) => !disputed(model);
    async run(model: SaleModel, { sale }: Real) {
      // What is left to refund, as recorded: a cancellation's refund is recorded by its job (CancelPart waits for it).
      const [{ left }] = await rows<{ left: number }>(
        'select amount_cents - refunded_cents as "left" from payment where order_id = ?',
        [sale.orderId],
      );
      const amount = Math.max(1, Math.floor((left * this.share) / 1000));
      const answer = await graphql(stack.api, REFUND, { id: sale.orderId, amount }, admin.accessToken);
      const error = answer.errors?.[0]?.extensions;
      if (error?.code === 'CONFLICT' && !error.reason) {
        // The transfers are not out yet ("try again in a minute"), checked before the amount: nothing was refunded.
        expect(answer.errors![0].message).toMatch(/still being distributed/);
        done.tooEarly++;
      } else if (left === 0 && error?.code === 'INVALID_STATE_TRANSITION') {
        // Fully refunded: nothing to refund any more (or, below, nothing left to refund).
        done.refused++;
      } else if (amount > left) {
        expect(error).toMatchObject({ code: 'CONFLICT', reason: 'REFUND_EXCEEDS_CAPTURED', refundableCents: left });
        done.refused++;
      } else {
        expect(answer.errors).toBeUndefined();
        model.refundedCents += amount;
        done.refunds++;
      }
    }
    toString = () => `refund ${this.share}‰ of what is left`;
  }

  class CancelPart implements fc.AsyncCommand<SaleModel, Real> {
    constructor(readonly which: number) {}
    check = cancellable;
    async run(model: SaleModel, { sale }: Real) {
      const part = sale.parts[this.which % sale.parts.length];
      const answer = await graphql<{ cancelSupplierOrder: { status: string } }>(
        stack.api,
        CANCEL,
        { id: part },
        market.consumer.accessToken,
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.cancelSupplierOrder.status).toBe('CANCELLED');
      model.cancelled.add(part);
      // Its refund is made by a job: waited for, so that the next refund knows what is left (the reversal and the
      // transfers may still be running when it comes).
      await stack.drainOutbox();
      done.cancellations++;
      if (model.dispute === 'LOST') done.cancelledAfterLoss++;
    }
    toString = () => `cancel part ${this.which}`;
  }

  /**
   * A dispute opens for what is left of the payment, then closes won or lost, or stays open: closed at once, or once
   * the jobs ran (the reversals, and the transfers still due, may be running when it closes).
   */
  class Dispute implements fc.AsyncCommand<SaleModel, Real> {
    constructor(
      readonly outcome: 'won' | 'lost' | 'open',
      readonly settleFirst: boolean,
    ) {}
    check = (model: Readonly<SaleModel>) => model.dispute === 'NONE';
    async run(model: SaleModel, { sale }: Real) {
      const [{ left, charge }] = await rows<{ left: number; charge: string }>(
        'select amount_cents - refunded_cents as "left", charge_id as "charge" from payment where order_id = ?',
        [sale.orderId],
      );
      if (left === 0) return; // Nothing left for a bank to take back.
      const dispute = stripeDispute(charge, left);
      expect((await card.deliver(stripeEvent('charge.dispute.created', dispute))).status).toBe(200);
      model.dispute = 'OPEN';
      model.disputedCents = left;
      done.disputes++;
      if (this.outcome === 'open') return;
      if (this.settleFirst) await stack.drainOutbox();
      const closed = stripeEvent('charge.dispute.closed', { ...dispute, status: this.outcome });
      expect((await card.deliver(closed)).status).toBe(200);
      model.dispute = this.outcome === 'won' ? 'WON' : 'LOST';
      done[this.outcome]++;
    }
    toString = () =>
      `a dispute opens${this.outcome === 'open' ? '' : `, ${this.settleFirst ? 'the jobs run, ' : ''}${this.outcome}`}`;
  }

  /**
   * Support retries the order's transfers that failed for good (the cause fixed at Stripe), then the jobs run: a
   * producer's transfer, or a re-transfer after a dispute won (which also makes a transfer withheld whole meanwhile).
   */
  const retryFailedTransfers = async (sale: Sale) => {
    const failed = await rows<{ id: string }>(
      `select d.id from outbox_delivery d join outbox_message m on m.id = d.message_id
        where d.failed_at is not null and (m.topic = 'payments.producer-transfer' and m.payload->>'orderId' = ?
           or m.topic = 'payments.retransfer' and m.payload->>'supplierOrderId' in (?, ?))`,
      [sale.orderId, ...sale.parts],
    );
    for (const { id } of failed)
      await stack.em.fork().transactional((tx) => stack.api.get(FailedJobs).retry(tx, String(id)));
    done.retried += failed.length;
    await stack.drainOutbox();
  };

  class RetryTransfers implements fc.AsyncCommand<SaleModel, Real> {
    check = () => true;
    async run(_model: SaleModel, { sale }: Real) {
      await retryFailedTransfers(sale);
    }
    toString = () => 'support retries the failed transfers';
  }

  class RunJobs implements fc.AsyncCommand<SaleModel, Real> {
    check = () => true;
    async run() {
      await stack.drainOutbox();
    }
    toString = () => 'run the jobs';
  }

  /**
   * Every job due done or failed for good — those waiting a few seconds for a retry included, which drainOutbox leaves
   * out (jobs due much later, such as an unpaid order's expiry, are not waited for).
   */
  const settled = () =>
    waitFor(
      async () =>
        Number(
          (
            await rows<{ n: string }>(
              `select (select count(*) from outbox_message where dispatched_at is null and available_at <= now())
                    + (select count(*) from outbox_delivery where completed_at is null and failed_at is null
                         and available_at <= now() + interval '2 minutes') as n`,
            )
          )[0].n,
        ) === 0,
      { timeoutMs: 60_000, what: 'every job, retries included' },
    );

  /** The ledger equation and its per-part rules, from the rows, and the rows against what Stripe did. */
  async function checkLedger(model: SaleModel, sale: Sale): Promise<void> {
    const [payment] = await rows<{ id: string; amount_cents: number; refunded_cents: number; status: string }>(
      'select id, amount_cents, refunded_cents, status from payment where order_id = ?',
      [sale.orderId],
    );
    const refunds = await rows<{ amount_cents: number; supplier_order_id: string | null; stripe_refund_id: string }>(
      'select amount_cents, supplier_order_id, stripe_refund_id from payment_refund where payment_id = ?',
      [payment.id],
    );
    const transfers = await transferRowsOf(stack, sale.orderId);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const captured = payment.amount_cents;
    const refunded = sum(refunds.map((row) => row.amount_cents));
    const transferred = sum(transfers.map((row) => row.amount_cents));
    const reversed = sum(transfers.map((row) => row.reversed_cents));
    const retransferred = sum(transfers.map((row) => row.retransferred_cents));
    // What the producer gave back for good: its reversals, less what a dispute won gave it back.
    const givenBack = (row: TransferRow) => row.reversed_cents - row.retransferred_cents;
    // What the platform keeps of each part: its commission, less the part's refund its producer did not give back.
    const kept = transfers.map((row) => row.commission_cents - (row.refunded_cents - givenBack(row)));
    // What a dispute took and keeps (open, or lost): the parts count it as refunded, the payment does not.
    const held = disputeHolds(model) ? model.disputedCents : 0;
    const where = `order ${sale.orderId}`;

    expect({ where, captured }).toEqual({ where, captured: model.capturedCents });
    expect({ where, refunded: payment.refunded_cents }).toEqual({ where, refunded });
    // Every part was paid out (the sequence ended on a drained outbox and support's retry), but one refunded whole
    // before its transfer went out (nothing left to pay it, all withheld), and one cancelled before its transfer ran:
    // that one was refunded whole by the cancellation and never transferred.
    const unpaid = sale.parts.filter((part) => !transfers.some((row) => row.supplier_order_id === part));
    expect({
      where,
      paidOut: transfers.every((row) => row.stripe_transfer_id || row.amount_cents === givenBack(row)),
    }).toEqual({ where, paidOut: true });
    for (const part of unpaid) {
      expect({ where, part, cancelled: model.cancelled.has(part) }).toEqual({ where, part, cancelled: true });
      expect({
        where,
        part,
        refunds: refunds.filter((row) => row.supplier_order_id === part).map((row) => row.amount_cents),
      }).toEqual({
        where,
        part,
        refunds: [sale.totals.get(part)],
      });
    }
    const unpaidRefunds = sum(
      refunds.filter((row) => unpaid.includes(row.supplier_order_id ?? '')).map((row) => row.amount_cents),
    );
    // Each part's total is its transfer plus its commission, and the parts make up the payment.
    expect({
      where,
      split: sum(transfers.map((row) => row.amount_cents + row.commission_cents)) + unpaidRefunds,
    }).toEqual({
      where,
      split: captured,
    });
    for (const row of transfers)
      expect({ where, part: row.supplier_order_id, total: row.amount_cents + row.commission_cents }).toEqual({
        where,
        part: row.supplier_order_id,
        total: sale.totals.get(row.supplier_order_id),
      });
    // Every refund, and what a dispute holds, is allocated to parts, once.
    expect({ where, allocated: sum(transfers.map((row) => row.refunded_cents)) + unpaidRefunds }).toEqual({
      where,
      allocated: refunded + held,
    });
    // The row's equation.
    expect({ where, left: captured - refunded - held }).toEqual({
      where,
      left: transferred - reversed + retransferred + sum(kept),
    });
    // What the buyer asked back: the admin refunds, plus what was left of each part it cancelled.
    const byCancellation = sum(refunds.filter((row) => row.supplier_order_id).map((row) => row.amount_cents));
    expect({ where, adminRefunds: refunded - byCancellation }).toEqual({ where, adminRefunds: model.refundedCents });
    for (const part of model.cancelled) {
      const row = transfers.find((transfer) => transfer.supplier_order_id === part);
      if (!row) continue;
      expect({ where, part, refunded: row.refunded_cents }).toEqual({
        where,
        part,
        refunded: row.amount_cents + row.commission_cents,
      });
    }
    for (const [index, row] of transfers.entries()) {
      const total = row.amount_cents + row.commission_cents;
      const share = Number(
        (BigInt(row.refunded_cents) * BigInt(row.amount_cents) * 2n + BigInt(total)) / (2n * BigInt(total)),
      );
      const part = row.supplier_order_id;
      expect({ where, part, refunded: row.refunded_cents <= total }).toEqual({ where, part, refunded: true });
      // Never a negative balance for a producer: it gives back at most what it received, exactly its share.
      expect({ where, part, reversed: givenBack(row) }).toEqual({ where, part, reversed: share });
      expect({ where, part, keptInRange: kept[index] >= 0 && kept[index] <= row.commission_cents }).toEqual({
        where,
        part,
        keptInRange: true,
      });
      if (row.refunded_cents === total) expect({ where, part, kept: kept[index] }).toEqual({ where, part, kept: 0 });
    }

    // The rows say what Stripe did: the same refunds, transfers and reversals, no more.
    const stripeRefunds = fake.all('refund').filter((refund) => refund.payment_intent === sale.paymentIntentId);
    expect({ where, refunds: stripeRefunds.map((refund) => [refund.id, refund.amount]).sort() }).toEqual({
      where,
      refunds: refunds.map((row) => [row.stripe_refund_id, row.amount_cents]).sort(),
    });
    // A transfer made after a refund of its part is its amount less the producer's share withheld, which the row
    // books with the reversals (and plus what a dispute won gave back meanwhile, booked with the re-transfers): what
    // Stripe transferred (re-transfers included) less what it reversed is what the row says the producer holds.
    const atStripe = fake
      .all('transfer')
      .filter((transfer) => (transfer.metadata as { orderId?: string }).orderId === sale.orderId);
    const transfersAtStripe = atStripe.filter((transfer) => !(transfer.metadata as { retransfer?: string }).retransfer);
    for (const row of transfers) {
      const ofPart = atStripe.filter(
        (transfer) => (transfer.metadata as { supplierOrderId?: string }).supplierOrderId === row.supplier_order_id,
      );
      const stripeReversed = sum(
        fake
          .all('transfer_reversal')
          .filter((reversal) => ofPart.some((transfer) => reversal.transfer === transfer.id))
          .map((reversal) => Number(reversal.amount)),
      );
      const original = row.stripe_transfer_id ? fake.get(row.stripe_transfer_id)! : null;
      const withheld = row.amount_cents - Number(original?.amount ?? 0);
      if (withheld > 0) done.withheld++;
      expect({
        where,
        part: row.supplier_order_id,
        withheld: withheld >= 0,
        net: sum(ofPart.map((transfer) => Number(transfer.amount))) - stripeReversed,
      }).toEqual({
        where,
        part: row.supplier_order_id,
        withheld: true,
        net: row.amount_cents - row.reversed_cents + row.retransferred_cents,
      });
    }
    expect({ where, transfersAtStripe: transfersAtStripe.length }).toEqual({
      where,
      transfersAtStripe: transfers.filter((row) => row.stripe_transfer_id).length,
    });
  }

  beforeAll(async () => {
    fake = await startFakeStripe();
    stack = await startProductionStack('ledger_conservation', {
      STRIPE_SECRET_KEY: 'sk_test_ancrage',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_ancrage',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
      PLATFORM_COMMISSION_RATE: '0.07',
    });
    market = await createMarket(stack.api);
    // Enough stock for a thousand sequences.
    await rows('update product set stock_thousandths = 1000000000 where id in (?, ?)', [
      market.products.carrots,
      market.products.cider,
    ]);
    await card.onboard(market.farmer, market.farm);
    await card.onboard(market.orchardist, market.orchard);
    admin = await registerUser(stack.api, 'support');
    await rows('update app_user set is_platform_admin = true where id = ?', [admin.user.id]);
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it(
    `Σ captured − Σ refunded == Σ transfers − Σ reversals + commission, per order (${RUNS} random sequences)`,
    async () => {
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 100, max: 40_000 }).map((thousandths) => thousandths / 1000),
          fc.integer({ min: 1, max: 12 }),
          fc.boolean(),
          fc.commands(
            [
              fc.integer({ min: 1, max: 1_200 }).map((share) => new AdminRefund(share)),
              fc.nat(1).map((which) => new CancelPart(which)),
              fc.constant(new RunJobs()),
              fc.constant(new RetryTransfers()),
              fc
                .tuple(fc.constantFrom('won' as const, 'lost' as const, 'open' as const), fc.boolean())
                .map(([outcome, settleFirst]) => new Dispute(outcome, settleFirst)),
            ],
            { maxCommands: 6 },
          ),
          async (carrots, cider, refuseATransfer, commands) => {
            // One fault at a time: one left over (no transfer was tried) is met by the next sequence's transfer.
            if (refuseATransfer && fake.pendingFaults() === 0) {
              fake.failNext(/^\/v1\/transfers$/, TRANSFER_REFUSED);
              done.refusedTransfers++;
            }
            const { sale, capturedCents } = await paidSale(carrots, cider);
            const model: SaleModel = {
              capturedCents,
              refundedCents: 0,
              cancelled: new Set(),
              dispute: 'NONE',
              disputedCents: 0,
            };
            await fc.asyncModelRun(() => ({ model, real: { sale } }), commands);
            await settled();
            await retryFailedTransfers(sale);
            await settled();
            await checkLedger(model, sale);
          },
        ),
        {
          numRuns: RUNS,
          endOnFailure: true,
          // Two sequences first that walk each kind of step the counts below ask for (a refund, a cancellation, a
          // dispute won, one lost then a part cancelled, a refused transfer retried): the random ones may miss one
          // (30 sequences once gave no refund accepted, every one tried too early or refused).
          examples: [
            [1.5, 2, false, [new RunJobs(), new AdminRefund(500), new CancelPart(0), new Dispute('won', true)]],
            [2, 3, true, [new RunJobs(), new Dispute('lost', true), new CancelPart(1)]],
          ],
        },
      );
      // Jobs retried on the way (not a failure: each Stripe call has its idempotency key).
      if (process.env.REPORT_FIGURES)
        console.info(
          await rows(
            'select m.topic, d.attempts, d.last_error from outbox_delivery d join outbox_message m on m.id = d.message_id where d.attempts > 1',
          ),
        );
      // No transfer or reversal failed on the way (a failed one would be a debt nobody recorded).
      expect(
        await rows<{ topic: string; last_error: string }>(
          'select m.topic, d.last_error from outbox_delivery d join outbox_message m on m.id = d.message_id where d.failed_at is not null',
        ),
      ).toEqual([]);
      if (process.env.REPORT_FIGURES)
        console.info(
          `DATA-09 on the services: ${RUNS} sequences in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          done,
        );
      expect(done.refunds).toBeGreaterThan(0);
      expect(done.cancellations).toBeGreaterThan(0);
      expect(done.retried).toBeGreaterThan(0);
      expect(done.won).toBeGreaterThan(0);
      expect(done.lost).toBeGreaterThan(0);
      expect(done.cancelledAfterLoss).toBeGreaterThan(0);
    },
    120_000 + RUNS * 10_000,
  );
});
