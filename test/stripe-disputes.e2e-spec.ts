import { FailedJobs } from '@app/platform';
import { cardPayments, TRANSFER_REFUSED, type TransferRow, transferRowsOf } from './support/card-order-fixtures';
import { type FakeStripe, type StripeObject, startFakeStripe, stripeDispute, stripeEvent } from './support/fake-stripe';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { type Market, createMarket } from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';

// PAY-17 (RELIABILITY.md): the dispute flow, through real signed `charge.dispute.created/closed` webhooks (Stripe's
// dispute fixture) into the running API and worker, Stripe faked by its local HTTP server. A two-producer card order
// is paid and its transfers made; a dispute opens: the order is flagged, each producer gives back its share of the
// disputed amount (one reversal job each); won, each gets it back (one re-transfer job each); lost, the reversals
// stand. The ledger holds after each (DATA-09): Σ captured − Σ refunded − Σ dispute losses == Σ transfers −
// Σ reversals + Σ re-transfers + commission kept.

const WEBHOOK_SECRET = 'whsec_ancrage_disputes';
const ORDER =
  'query ($id: ID!) { order(id: $id) { payment { refundedCents dispute { outcome status reason amountCents } } } }';
const REFUND =
  'mutation ($id: ID!, $amount: Int!) { refundPayment(orderId: $id, amountCents: $amount, reason: "Geste") { refundedCents } }';

interface Dispute {
  outcome: string;
  status: string;
  reason: string | null;
  amountCents: number;
}

describe('PAY-17: disputes (signed charge.dispute.* webhooks, worker, fake Stripe)', () => {
  let fake: FakeStripe;
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;
  let admin: TestSession;

  const card = cardPayments(() => ({ stack, fake, market }), WEBHOOK_SECRET);
  const rows = <T>(sql: string, params: unknown[] = []) => stack.em.fork().execute<T[]>(sql, params);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

  /** Delivers a signed event: always 2xx, whatever it changes. */
  const deliver = async (event: StripeObject) => expect((await card.deliver(event)).status).toBe(200);

  /** A two-producer card order, paid, its jobs run (transfers made unless Stripe refused one). */
  const paidOrder = async () => {
    const { order } = await card.paidCardOrder({ carrots: 4, drinks: 3 });
    await stack.drainOutbox();
    const [{ charge_id: chargeId }] = await rows<{ charge_id: string }>(
      'select charge_id from payment where order_id = ?',
      [order.id],
    );
    expect(chargeId).toMatch(/^ch_/);
    return { order, chargeId };
  };

  const disputeOf = async (orderId: string) => {
    const answer = await graphql<{ order: { payment: { dispute: Dispute | null } } }>(
      stack.api,
      ORDER,
      { id: orderId },
      market.consumer.accessToken,
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.order.payment.dispute;
  };

  /** The jobs of a topic for an order's parts, by their Stripe key. */
  const jobsFor = async (topic: string, parts: string[]) =>
    (
      await rows<{ key: string; amount: number }>(
        `select payload->>'key' as key, (payload->>'amountCents')::int as amount from outbox_message
          where topic = ? and payload->>'supplierOrderId' in (?, ?) order by key`,
        [topic, ...parts],
      )
    ).map((job) => [job.key.replace(/:dp_\w+:/, ':dp:'), job.amount]);

  const reversalsOf = (transferId: string | null) =>
    fake
      .all('transfer_reversal')
      .filter((reversal) => reversal.transfer === transferId)
      .map((reversal) => Number(reversal.amount));
  const transfersAtStripe = (orderId: string) =>
    fake.all('transfer').filter((transfer) => (transfer.metadata as { orderId?: string }).orderId === orderId);

  /** DATA-09 for one order, from the rows and what Stripe did. */
  const checkLedger = async (orderId: string, lostCents: number) => {
    const [payment] = await rows<{ id: string; amount_cents: number; refunded_cents: number }>(
      'select id, amount_cents, refunded_cents from payment where order_id = ?',
      [orderId],
    );
    const transfers = await transferRowsOf(stack, orderId);
    const held = (row: TransferRow) => row.amount_cents - row.reversed_cents + row.retransferred_cents;
    const kept = transfers.map((row) => row.amount_cents + row.commission_cents - row.refunded_cents - held(row));
    expect(sum(transfers.map((row) => row.refunded_cents))).toBe(payment.refunded_cents + lostCents);
    expect(payment.amount_cents - payment.refunded_cents - lostCents).toBe(sum(transfers.map(held)) + sum(kept));
    for (const [index, row] of transfers.entries()) {
      expect(kept[index]).toBeGreaterThanOrEqual(0);
      expect(kept[index]).toBeLessThanOrEqual(row.commission_cents);
      // What Stripe moved for this part is what the row says the producer holds.
      const atStripe = sum(
        transfersAtStripe(orderId)
          .filter(
            (transfer) => (transfer.metadata as { supplierOrderId?: string }).supplierOrderId === row.supplier_order_id,
          )
          .map((transfer) => Number(transfer.amount)),
      );
      const reversed = sum(
        transfersAtStripe(orderId)
          .filter(
            (transfer) => (transfer.metadata as { supplierOrderId?: string }).supplierOrderId === row.supplier_order_id,
          )
          .flatMap((transfer) => reversalsOf(String(transfer.id))),
      );
      expect(atStripe - reversed).toBe(held(row));
    }
  };

  /** What a redelivery or a foreign event must leave as it is. */
  const snapshot = async () => ({
    events: (await rows<{ n: string }>('select count(*) as n from stripe_event'))[0].n,
    disputes: await rows('select stripe_dispute_id, outcome, status from payment_dispute order by stripe_dispute_id'),
    messages: (await rows<{ n: string }>('select count(*) as n from outbox_message'))[0].n,
    transfers: await rows('select * from producer_transfer order by supplier_order_id'),
    atStripe: [fake.all('transfer').length, fake.all('transfer_reversal').length],
  });

  beforeAll(async () => {
    fake = await startFakeStripe();
    stack = await startProductionStack('stripe_disputes', {
      STRIPE_SECRET_KEY: 'sk_test_ancrage',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_ancrage',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
      PLATFORM_COMMISSION_RATE: '0.07',
    });
    market = await createMarket(stack.api);
    await card.onboard(market.farmer, market.farm);
    await card.onboard(market.orchardist, market.orchard);
    admin = await registerUser(stack.api, 'support');
    await rows('update app_user set is_platform_admin = true where id = ?', [admin.user.id]);
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('created → won: order flagged, one reversal job per producer, then one re-transfer job each; redeliveries change nothing', async () => {
    const { order, chargeId } = await paidOrder();
    const parts = order.supplierOrders.map((part) => part.id).sort();
    const before = await transferRowsOf(stack, order.id);
    expect(before.every((row) => row.stripe_transfer_id)).toBe(true);
    expect(await disputeOf(order.id)).toBeNull();

    const dispute = stripeDispute(chargeId, order.totalCents);
    const created = stripeEvent('charge.dispute.created', dispute);
    await deliver(created);
    await stack.drainOutbox();

    expect(await disputeOf(order.id)).toEqual({
      outcome: 'OPEN',
      status: 'needs_response',
      reason: 'fraudulent',
      amountCents: order.totalCents,
    });
    // The whole payment disputed: each producer gives back its whole transfer, by one reversal.
    expect(await jobsFor('payments.reverse-transfer', parts)).toEqual(
      before.map((row) => [`dispute:dp:${row.supplier_order_id}`, row.amount_cents]),
    );
    for (const row of before) expect(reversalsOf(row.stripe_transfer_id)).toEqual([row.amount_cents]);
    await checkLedger(order.id, order.totalCents);
    // Stripe refuses to refund a disputed charge: an admin is told so, and nothing moves.
    const refused = await graphql(stack.api, REFUND, { id: order.id, amount: 100 }, admin.accessToken);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      reason: 'PAYMENT_DISPUTED',
    });

    const closed = stripeEvent('charge.dispute.closed', { ...dispute, status: 'won' });
    await deliver(closed);
    await stack.drainOutbox();

    expect(await disputeOf(order.id)).toMatchObject({ outcome: 'WON', status: 'won' });
    expect(await jobsFor('payments.retransfer', parts)).toEqual(
      before.map((row) => [`retransfer:dp:${row.supplier_order_id}`, row.amount_cents]),
    );
    const after = await transferRowsOf(stack, order.id);
    expect(after.map((row) => [row.refunded_cents, row.reversed_cents, row.retransferred_cents])).toEqual(
      before.map((row) => [0, row.amount_cents, row.amount_cents]),
    );
    expect(transfersAtStripe(order.id)).toHaveLength(4);
    await checkLedger(order.id, 0);

    // Redeliveries (the same events), and the same dispute in a new event: nothing changes.
    const settled = await snapshot();
    await deliver(created);
    await deliver(closed);
    await deliver(stripeEvent('charge.dispute.created', dispute));
    await stack.drainOutbox();
    expect({ ...(await snapshot()), events: settled.events }).toEqual(settled);

    // Won, the charge was disputed all the same: it is not refunded (a person decides, with Stripe).
    const again = await graphql(stack.api, REFUND, { id: order.id, amount: 100 }, admin.accessToken);
    expect(again.errors?.[0]?.extensions).toMatchObject({ reason: 'PAYMENT_DISPUTED' });
  });

  it('created → lost after a partial refund: the rest disputed, each producer gives back its share, no re-transfer', async () => {
    const { order, chargeId } = await paidOrder();
    const parts = order.supplierOrders.map((part) => part.id).sort();
    expect((await graphql(stack.api, REFUND, { id: order.id, amount: 500 }, admin.accessToken)).errors).toBeUndefined();
    await stack.drainOutbox();
    const disputed = order.totalCents - 500;

    const dispute = stripeDispute(chargeId, disputed, { reason: 'product_not_received' });
    await deliver(stripeEvent('charge.dispute.created', dispute));
    await stack.drainOutbox();
    const flagged = await transferRowsOf(stack, order.id);
    // Refunded whole, by the refund and the dispute together: every producer has given back its whole transfer.
    expect(flagged.map((row) => [row.refunded_cents, row.reversed_cents])).toEqual(
      flagged.map((row) => [row.amount_cents + row.commission_cents, row.amount_cents]),
    );
    expect(
      (await jobsFor('payments.reverse-transfer', parts)).filter(([key]) => String(key).startsWith('dispute:')),
    ).toHaveLength(2);

    await deliver(stripeEvent('charge.dispute.closed', { ...dispute, status: 'lost' }));
    await stack.drainOutbox();
    expect(await disputeOf(order.id)).toEqual({
      outcome: 'LOST',
      status: 'lost',
      reason: 'product_not_received',
      amountCents: disputed,
    });
    // The producers concerned see it on their part of the order.
    for (const [session, producerId] of [
      [market.farmer, market.farm],
      [market.orchardist, market.orchard],
    ] as const) {
      const seen = await graphql<{ supplierOrders: { edges: { node: { id: string; dispute: Dispute | null } }[] } }>(
        stack.api,
        'query ($p: ID!) { supplierOrders(producerId: $p, first: 50) { edges { node { id dispute { outcome amountCents } } } } }',
        { p: producerId },
        session.accessToken,
      );
      expect(seen.errors).toBeUndefined();
      const mine = seen.data!.supplierOrders.edges.filter(({ node }) => parts.includes(node.id));
      expect(mine.map(({ node }) => node.dispute)).toEqual([{ outcome: 'LOST', amountCents: disputed }]);
    }
    expect(await jobsFor('payments.retransfer', parts)).toEqual([]);
    expect(await transferRowsOf(stack, order.id)).toEqual(flagged);
    await checkLedger(order.id, disputed);
  });

  it("a dispute while a transfer waits: its producer's share is withheld, and paid with the transfer once won", async () => {
    fake.failNext(/^\/v1\/transfers$/, TRANSFER_REFUSED);
    const { order, chargeId } = await paidOrder();
    // The refused transfer has no row yet: the dispute gives it one, of the transfer due.
    const made = (await transferRowsOf(stack, order.id)).map((row) => row.supplier_order_id);
    expect(made).toHaveLength(1);
    const waitingId = order.supplierOrders.map((part) => part.id).find((id) => !made.includes(id))!;

    const dispute = stripeDispute(chargeId, order.totalCents);
    await deliver(stripeEvent('charge.dispute.created', dispute));
    await stack.drainOutbox();
    const partRow = async () =>
      (await transferRowsOf(stack, order.id)).find((row) => row.supplier_order_id === waitingId)!;
    const waiting = await partRow();
    expect([waiting.reversed_cents, waiting.stripe_transfer_id]).toEqual([waiting.amount_cents, null]);
    // Nothing to reverse at Stripe for it: one reversal job, the paid producer's.
    expect(
      (
        await jobsFor(
          'payments.reverse-transfer',
          order.supplierOrders.map((part) => part.id),
        )
      ).map(([key]) => key),
    ).toEqual([`dispute:dp:${made[0]}`]);
    await checkLedger(order.id, order.totalCents);

    await deliver(stripeEvent('charge.dispute.closed', { ...dispute, status: 'won' }));
    await stack.drainOutbox();
    // Won, its re-transfer job makes the transfer with what the part holds again: its whole amount.
    const won = await partRow();
    expect([won.reversed_cents, won.retransferred_cents, won.stripe_transfer_id]).toEqual([
      won.amount_cents,
      won.amount_cents,
      expect.stringMatching(/^tr_/),
    ]);
    await checkLedger(order.id, 0);
    // Support retries the refused transfer all the same: nothing more is paid.
    const [failed] = await rows<{ id: string }>(
      "select d.id from outbox_delivery d join outbox_message m on m.id = d.message_id where m.topic = 'payments.producer-transfer' and m.payload->>'supplierOrderId' = ? and d.failed_at is not null",
      [waitingId],
    );
    await stack.em.fork().transactional((tx) => stack.api.get(FailedJobs).retry(tx, String(failed.id)));
    await stack.drainOutbox();
    const paid = transfersAtStripe(order.id).filter(
      (transfer) => (transfer.metadata as { supplierOrderId?: string }).supplierOrderId === waitingId,
    );
    expect(paid.map((transfer) => Number(transfer.amount))).toEqual([waiting.amount_cents]);
    await checkLedger(order.id, 0);
  });

  it('a dispute on a charge that is not ours, or a closed one on it: 2xx, nothing written', async () => {
    await paidOrder();
    const before = await snapshot();
    const foreign = stripeDispute('ch_not_ours', 1234);
    await deliver(stripeEvent('charge.dispute.created', foreign));
    await deliver(stripeEvent('charge.dispute.closed', { ...foreign, status: 'lost' }));
    await stack.drainOutbox();
    expect(await snapshot()).toEqual(before);
  });
});
