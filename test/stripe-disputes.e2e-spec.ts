import { downloadBytes } from './support/downloads';
import { FailedJobs, formatEuros } from '@app/platform';
import { readFacturXPdf } from '@app/test-support';
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

const CANCEL_PART = 'mutation ($id: ID!) { cancelSupplierOrder(id: $id, reason: "Changement") { id status } }';
const CANCEL_ORDER = 'mutation ($id: ID!) { cancelOrder(id: $id, reason: "Changement") { id status } }';
const PRODUCER_CANCEL =
  'mutation ($id: ID!) { updateSupplierOrderStatus(id: $id, status: CANCELLED, reason: "Rupture") { id status } }';

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

  /** The invoice of each part of an order, with the dispute on the card payment that paid it, as the buyer reads it. */
  const partInvoicesOf = async (orderId: string) => {
    const answer = await graphql<{
      order: { supplierOrders: { id: string; invoice: { id: string; dispute: Dispute | null } | null }[] };
    }>(
      stack.api,
      'query ($id: ID!) { order(id: $id) { supplierOrders { id invoice { id dispute { outcome amountCents shareCents } } } } }',
      { id: orderId },
      market.consumer.accessToken,
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.order.supplierOrders;
  };

  /** The dispute read through each part of an order (`SupplierOrder.dispute`), as the buyer reads it. */
  const partDisputesOf = async (orderId: string) => {
    const answer = await graphql<{
      order: { supplierOrders: { dispute: { outcome: string; partRefundedByBank: boolean | null } | null }[] };
    }>(
      stack.api,
      'query ($id: ID!) { order(id: $id) { supplierOrders { dispute { outcome partRefundedByBank } } } }',
      { id: orderId },
      market.consumer.accessToken,
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.order.supplierOrders.map((part) => part.dispute);
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

  /**
   * Every way of cancelling a part of a disputed order (the buyer's part, the buyer's whole order, each producer's
   * own part) is refused with PAYMENT_DISPUTED, and changes nothing: no part moves, no stock comes back, no job.
   */
  const expectCancellationsRefused = async (orderId: string) => {
    const parts = await rows<{ id: string; producer_id: string }>(
      'select id, producer_id from supplier_order where order_id = ? order by id',
      [orderId],
    );
    const state = async () => ({
      ...(await snapshot()),
      parts: await rows('select id, status, payment_status from supplier_order where order_id = ? order by id', [
        orderId,
      ]),
      stock: await rows('select id, stock_thousandths from product order by id'),
      refunds: await rows('select id from payment_refund order by id'),
    });
    const before = await state();
    expect(before.parts).toHaveLength(2);
    const producerOf = (producerId: string) =>
      producerId === market.farm ? market.farmer.accessToken : market.orchardist.accessToken;
    const attempts = [
      ...parts.map((part) => graphql(stack.api, CANCEL_PART, { id: part.id }, market.consumer.accessToken)),
      graphql(stack.api, CANCEL_ORDER, { id: orderId }, market.consumer.accessToken),
      ...parts.map((part) => graphql(stack.api, PRODUCER_CANCEL, { id: part.id }, producerOf(part.producer_id))),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect(answer.data).toBeNull();
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: 'INVALID_STATE_TRANSITION',
        reason: 'PAYMENT_DISPUTED',
      });
    }
    await stack.drainOutbox();
    expect(await state()).toEqual(before);
  };

  /** The monthly totals of the invoices a producer issued, summed over every month (the order's month among them). */
  const issuedTotals = async (producerId: string, session: TestSession, status?: 'PAID') => {
    const answer = await graphql<{ invoices: { monthlyTotals: Record<string, number | string>[] } }>(
      stack.api,
      `
        query ($o: ID!, $s: InvoiceStatus) {
          invoices(organizationId: $o, direction: ISSUED, status: $s, first: 1) {
            monthlyTotals {
              month
              invoiceCount
              totalCents
              paidCents
              refundedByBankCents
              dueCents
              overdueCents
              cancelledCents
              creditedCents
            }
          }
        }
      `,
      { o: producerId, s: status ?? null },
      session.accessToken,
    );
    expect(answer.errors).toBeUndefined();
    const months = answer.data!.invoices.monthlyTotals;
    const total = (field: string) => sum(months.map((month) => Number(month[field])));
    const totals = {
      invoiceCount: total('invoiceCount'),
      totalCents: total('totalCents'),
      paidCents: total('paidCents'),
      refundedByBankCents: total('refundedByBankCents'),
      dueCents: total('dueCents'),
      overdueCents: total('overdueCents'),
      cancelledCents: total('cancelledCents'),
      creditedCents: total('creditedCents'),
    };
    // Every invoice counts under one standing, and one only.
    expect(
      totals.paidCents + totals.refundedByBankCents + totals.dueCents + totals.overdueCents + totals.cancelledCents,
    ).toBe(totals.totalCents);
    return totals;
  };

  /** What a producer reads under the « Payées » filter (status PAID): the invoices listed, and their totals. */
  const paidIssued = async (producerId: string, session: TestSession) => {
    const answer = await graphql<{ invoices: { totalCount: number; edges: { node: { id: string } }[] } }>(
      stack.api,
      'query ($o: ID!) { invoices(organizationId: $o, direction: ISSUED, status: PAID, first: 100) { totalCount edges { node { id } } } }',
      { o: producerId },
      session.accessToken,
    );
    expect(answer.errors).toBeUndefined();
    const { totalCount, edges } = answer.data!.invoices;
    expect(edges).toHaveLength(totalCount);
    return { ids: edges.map(({ node }) => node.id), totals: await issuedTotals(producerId, session, 'PAID') };
  };

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
    // Nor may its parts be cancelled: a cancellation refunds, and the refund would not be made.
    expect(await partDisputesOf(order.id)).toEqual([
      { outcome: 'OPEN', partRefundedByBank: false },
      { outcome: 'OPEN', partRefundedByBank: false },
    ]);
    await expectCancellationsRefused(order.id);
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
    expect(await partDisputesOf(order.id)).toEqual([
      { outcome: 'WON', partRefundedByBank: false },
      { outcome: 'WON', partRefundedByBank: false },
    ]);
    await expectCancellationsRefused(order.id);
  });

  it('created → lost after a partial refund: the rest disputed, each producer gives back its share, no re-transfer', async () => {
    const { order, chargeId } = await paidOrder();
    const parts = order.supplierOrders.map((part) => part.id).sort();
    // Each part's invoice is issued paid with the card payment, which no bank disputes yet.
    const invoicesBefore = await partInvoicesOf(order.id);
    expect(invoicesBefore.map((part) => part.invoice?.dispute)).toEqual([null, null]);
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

    await expectCancellationsRefused(order.id);
    // What each producer gives back: its own reversal, not the whole disputed amount.
    const shares = Object.fromEntries(
      (
        await rows<{ part: string; amount: number }>(
          `select payload->>'supplierOrderId' as part, (payload->>'amountCents')::int as amount from outbox_message
            where topic = 'payments.reverse-transfer' and payload->>'key' like 'dispute:%' and payload->>'supplierOrderId' in (?, ?)`,
          parts,
        )
      ).map((job) => [job.part, job.amount]),
    );
    expect(Object.keys(shares).sort()).toEqual(parts);
    expect(Object.values(shares).every((share) => share > 0 && share < disputed)).toBe(true);

    // Open, the farm's invoice still counts as paid in its monthly totals: the bank may yet give the money back.
    const [farmInvoice] = await rows<{ id: string; total_cents: number }>(
      'select i.id, i.total_cents from invoice i join supplier_order s on s.id = i.supplier_order_id where s.order_id = ? and s.producer_id = ?',
      [order.id, market.farm],
    );
    const farmInvoiceCents = Number(farmInvoice.total_cents);
    const totalsOpen = await issuedTotals(market.farm, market.farmer);
    // And the « Payées » filter lists it.
    const farmInvoiceId = farmInvoice.id;
    const paidOpen = await paidIssued(market.farm, market.farmer);
    expect(paidOpen.ids).toContain(farmInvoiceId);
    expect(paidOpen.totals).toMatchObject({ paidCents: totalsOpen.paidCents, refundedByBankCents: 0 });

    await deliver(stripeEvent('charge.dispute.closed', { ...dispute, status: 'lost' }));
    await stack.drainOutbox();
    // Lost, it no longer counts as paid but as given back by the bank (« Remboursée par la banque » on the web).
    const totalsLost = await issuedTotals(market.farm, market.farmer);
    expect(totalsLost).toEqual({
      ...totalsOpen,
      paidCents: totalsOpen.paidCents - farmInvoiceCents,
      refundedByBankCents: totalsOpen.refundedByBankCents + farmInvoiceCents,
    });
    const [farmCredited] = await rows<{ cents: number }>(
      'select coalesce(sum(total_cents), 0) as cents from credit_note where invoice_id = ?',
      [farmInvoiceId],
    );
    // Nor under the « Payées » filter: the list leaves it out as its totals do, which stay those of the paid ones.
    const paidLost = await paidIssued(market.farm, market.farmer);
    expect(paidLost.ids).toEqual(paidOpen.ids.filter((id) => id !== farmInvoiceId));
    expect(paidLost.totals).toEqual({
      ...paidOpen.totals,
      invoiceCount: paidOpen.totals.invoiceCount - 1,
      totalCents: paidOpen.totals.totalCents - farmInvoiceCents,
      paidCents: totalsLost.paidCents,
      refundedByBankCents: 0,
      creditedCents: paidOpen.totals.creditedCents - Number(farmCredited.cents),
    });
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
        'query ($p: ID!) { supplierOrders(producerId: $p, first: 50) { edges { node { id dispute { outcome amountCents shareCents partRefundedByBank } } } } }',
        { p: producerId },
        session.accessToken,
      );
      expect(seen.errors).toBeUndefined();
      const mine = seen.data!.supplierOrders.edges.filter(({ node }) => parts.includes(node.id));
      expect(mine.map(({ node }) => node.dispute)).toEqual([
        // The bank gave back all that was left of the part: it may be cancelled, with no refund.
        { outcome: 'LOST', amountCents: disputed, shareCents: shares[mine[0].node.id], partRefundedByBank: true },
      ]);
    }
    // Read through the order's payment, the dispute is no one producer's.
    const whole = await graphql<{
      order: { payment: { dispute: { shareCents: number | null; partRefundedByBank: boolean | null } } };
    }>(
      stack.api,
      'query ($id: ID!) { order(id: $id) { payment { dispute { shareCents partRefundedByBank } } } }',
      { id: order.id },
      market.consumer.accessToken,
    );
    expect(whole.data!.order.payment.dispute).toEqual({ shareCents: null, partRefundedByBank: null });
    // So does each part's invoice, paid by that card payment: the buyer reads the bank gave the money back.
    const lostOnInvoice = { outcome: 'LOST', amountCents: disputed, shareCents: null };
    expect((await partInvoicesOf(order.id)).map((part) => part.invoice?.dispute)).toEqual([
      lostOnInvoice,
      lostOnInvoice,
    ]);
    // And the farm, among the invoices it issued.
    const farmInvoiceIds = invoicesBefore.map((part) => part.invoice?.id);
    const issued = await graphql<{ invoices: { edges: { node: { id: string; dispute: Dispute | null } }[] } }>(
      stack.api,
      'query ($o: ID!) { invoices(organizationId: $o, direction: ISSUED, first: 50) { edges { node { id dispute { outcome amountCents shareCents } } } } }',
      { o: market.farm },
      market.farmer.accessToken,
    );
    expect(issued.errors).toBeUndefined();
    expect(
      issued
        .data!.invoices.edges.filter(({ node }) => farmInvoiceIds.includes(node.id))
        .map(({ node }) => node.dispute),
    ).toEqual([lostOnInvoice]);
    expect(await jobsFor('payments.retransfer', parts)).toEqual([]);
    expect(await transferRowsOf(stack, order.id)).toEqual(flagged);
    await checkLedger(order.id, disputed);

    // Lost before the order left, every part was given back whole (the refund, then the bank): the order can be
    // ended, with no refund (the bank made it) and no reversal (the dispute made them). The farm confirms, then
    // cancels its part; the buyer cancels the rest of the order.
    const farmPart = order.supplierOrders.find((part) => part.producer.id === market.farm)!;
    const stock = () =>
      rows<{ id: string; stock_thousandths: number }>(
        'select id, stock_thousandths from product where id in (?, ?) order by id',
        [market.products.carrots, market.products.cider],
      ).then((found) => Object.fromEntries(found.map((row) => [row.id, Number(row.stock_thousandths)])));
    const stockBefore = await stock();
    const money = async () => ({
      refundsAtStripe: fake.all('refund').length,
      payment: await rows('select status, refunded_cents from payment where order_id = ?', [order.id]),
      refunds: await rows(
        'select id from payment_refund where payment_id in (select id from payment where order_id = ?)',
        [order.id],
      ),
      reversals: await jobsFor('payments.reverse-transfer', parts),
      retransfers: await jobsFor('payments.retransfer', parts),
      transfers: await transferRowsOf(stack, order.id),
      atStripe: [fake.all('transfer').length, fake.all('transfer_reversal').length],
    });
    const moneyBefore = await money();
    const confirmed = await graphql(
      stack.api,
      'mutation ($id: ID!) { updateSupplierOrderStatus(id: $id, status: CONFIRMED) { id status } }',
      { id: farmPart.id },
      market.farmer.accessToken,
    );
    expect(confirmed.errors).toBeUndefined();
    const byFarm = await graphql<{ updateSupplierOrderStatus: { status: string } }>(
      stack.api,
      PRODUCER_CANCEL,
      { id: farmPart.id },
      market.farmer.accessToken,
    );
    expect(byFarm.errors).toBeUndefined();
    expect(byFarm.data!.updateSupplierOrderStatus.status).toBe('CANCELLED');
    const byBuyer = await graphql<{ cancelOrder: { status: string } }>(
      stack.api,
      CANCEL_ORDER,
      { id: order.id },
      market.consumer.accessToken,
    );
    expect(byBuyer.errors).toBeUndefined();
    expect(byBuyer.data!.cancelOrder.status).toBe('CANCELLED');
    await stack.drainOutbox();

    // No money moved: no refund at Stripe nor recorded, no reversal nor re-transfer; the ledger still holds.
    expect(await money()).toEqual(moneyBefore);
    await checkLedger(order.id, disputed);
    // The stock comes back, once.
    expect(await stock()).toEqual({
      ...stockBefore,
      [market.products.carrots]: stockBefore[market.products.carrots] + 4000,
      [market.products.cider]: stockBefore[market.products.cider] + 3000,
    });
    // Each part's invoice is credited whole, as a cancelled part's is: the refund's credit note, then the bank's.
    interface CreditNoteRead {
      id: string;
      totalCents: number;
      reason: string;
      pdfUrl: string;
      facturXUrl: string;
    }
    const credited = await graphql<{
      order: {
        supplierOrders: {
          status: string;
          invoice: { status: string; totalCents: number; creditNotes: CreditNoteRead[] };
        }[];
      };
    }>(
      stack.api,
      'query ($id: ID!) { order(id: $id) { supplierOrders { status invoice { status totalCents creditNotes { id totalCents reason pdfUrl facturXUrl } } } } }',
      { id: order.id },
      market.consumer.accessToken,
    );
    expect(credited.errors).toBeUndefined();
    /** A credit note's file as the buyer downloads it, read back: its text, and its Factur-X XML if it carries one. */
    const downloaded = async (path: string) => {
      const response = await downloadBytes(stack.api.getHttpServer(), path, market.consumer.accessToken);
      expect(response.status).toBe(200);
      return readFacturXPdf(response.body as Buffer);
    };
    // As the files' text is read back: every kind of space as one plain space.
    const eurosText = (cents: number) => formatEuros(cents).replace(/[\u00a0\u202f]/g, ' ');
    const bankWording = (cents: number) =>
      `Montant de ${eurosText(cents)} TTC rendu à l’acheteur par sa banque à la suite d’une contestation du paiement par carte ; aucun remboursement supplémentaire.`;
    for (const part of credited.data!.order.supplierOrders) {
      expect([part.status, part.invoice.status]).toEqual(['CANCELLED', 'CANCELLED']);
      expect(part.invoice.creditNotes).toHaveLength(2);
      expect(sum(part.invoice.creditNotes.map((note) => note.totalCents))).toBe(part.invoice.totalCents);
      const [byRefund, byBank] = part.invoice.creditNotes;
      expect(byBank.reason).toMatch(/montant rendu par la banque de l’acheteur/);
      // The bank's credit note says, as issued and stored, that the buyer's bank gave the amount back: Ancrage
      // refunded nothing. The refund's keeps the card refund's words, its stored document unchanged.
      const stored = await rows<{ id: string; settled_by: string | null }>(
        "select id, document->>'settledBy' as settled_by from credit_note where id in (?, ?)",
        [byRefund.id, byBank.id],
      );
      expect(Object.fromEntries(stored.map((note) => [note.id, note.settled_by]))).toEqual({
        [byRefund.id]: null,
        [byBank.id]: 'BUYER_BANK',
      });
      const pdf = await downloaded(byBank.pdfUrl);
      expect(pdf.text).toContain(bankWording(byBank.totalCents));
      expect(pdf.text).not.toContain('remboursé sur la carte');
      const facturX = await downloaded(byBank.facturXUrl);
      expect(facturX.text).toBe(pdf.text);
      const terms = /<ram:SpecifiedTradePaymentTerms><ram:Description>([^<]*)</.exec(
        facturX.attachments['factur-x.xml'],
      )?.[1];
      expect(terms?.replace(/[\u00a0\u202f]/g, ' ')).toBe(bankWording(byBank.totalCents));
      expect((await downloaded(byRefund.pdfUrl)).text).toContain(
        `Montant de ${eurosText(byRefund.totalCents)} TTC remboursé sur la carte bancaire ayant servi au paiement.`,
      );
    }
    // The buyer hears of each cancellation, as of any other.
    const told = await rows<{ n: string }>('select count(*) as n from sent_email where recipient = ? and subject = ?', [
      market.consumer.user.email,
      `Commande ${order.number}\u00a0: annulée`,
    ]);
    expect(Number(told[0].n)).toBe(2);
    // In the farm's totals, the invoice is now cancelled, credited by what the bank gave back of it.
    const [farmBankCredit] = await rows<{ total_cents: number }>(
      "select n.total_cents from credit_note n where n.supplier_order_id = ? and n.reason like '%banque%'",
      [farmPart.id],
    );
    expect(await issuedTotals(market.farm, market.farmer)).toEqual({
      ...totalsLost,
      refundedByBankCents: totalsOpen.refundedByBankCents,
      cancelledCents: totalsLost.cancelledCents + farmInvoiceCents,
      creditedCents: totalsLost.creditedCents + Number(farmBankCredit.total_cents),
    });
    // Asked again, the cancellation changes nothing more.
    const again = await graphql(stack.api, CANCEL_ORDER, { id: order.id }, market.consumer.accessToken);
    expect(again.errors).toBeUndefined();
    await stack.drainOutbox();
    expect(await money()).toEqual(moneyBefore);
    expect(await rows('select id from credit_note where supplier_order_id in (?, ?)', parts)).toHaveLength(4);
  });

  it('a dispute lost for less than what was left: no part was given back whole, so none is cancelled (a refund would be due)', async () => {
    const { order, chargeId } = await paidOrder();
    const dispute = stripeDispute(chargeId, 1000);
    await deliver(stripeEvent('charge.dispute.created', dispute));
    await deliver(stripeEvent('charge.dispute.closed', { ...dispute, status: 'lost' }));
    await stack.drainOutbox();
    expect(await disputeOf(order.id)).toMatchObject({ outcome: 'LOST', amountCents: 1000 });
    // The buyer reads on each part that its bank did not give it back whole.
    expect(await partDisputesOf(order.id)).toEqual([
      { outcome: 'LOST', partRefundedByBank: false },
      { outcome: 'LOST', partRefundedByBank: false },
    ]);
    await expectCancellationsRefused(order.id);
    await checkLedger(order.id, 1000);
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

  it('charge.dispute.updated moves the open status on (never back); funds_withdrawn and funds_reinstated are recorded once and move no money again', async () => {
    const { order, chargeId } = await paidOrder();
    const parts = order.supplierOrders.map((part) => part.id).sort();
    const dispute = stripeDispute(chargeId, order.totalCents);
    const withdrawn = stripeEvent('charge.dispute.funds_withdrawn', dispute);
    await deliver(stripeEvent('charge.dispute.created', dispute));
    await deliver(withdrawn);
    await stack.drainOutbox();
    expect(await disputeOf(order.id)).toMatchObject({ outcome: 'OPEN', status: 'needs_response' });
    const money = async () => {
      const { messages, transfers, atStripe } = await snapshot();
      return { messages, transfers, atStripe };
    };
    const opened = await money();
    expect(await jobsFor('payments.reverse-transfer', parts)).toHaveLength(2);

    // The merchant's evidence is in: Stripe says the bank reviews it. The status shown moves on, nothing else.
    const reviewed = stripeEvent('charge.dispute.updated', { ...dispute, status: 'under_review' });
    await deliver(reviewed);
    await stack.drainOutbox();
    expect(await disputeOf(order.id)).toMatchObject({ outcome: 'OPEN', status: 'under_review' });
    expect(await money()).toEqual(opened);
    // Read late (Stripe does not order its events), or again: an older status never comes back.
    await deliver(stripeEvent('charge.dispute.updated', dispute));
    await deliver(stripeEvent('charge.dispute.funds_withdrawn', dispute));
    await deliver(reviewed);
    await deliver(withdrawn);
    await stack.drainOutbox();
    expect(await disputeOf(order.id)).toMatchObject({ outcome: 'OPEN', status: 'under_review' });
    expect(await money()).toEqual(opened);
    const recorded = await rows<{ type: string }>('select type from stripe_event where id in (?, ?)', [
      withdrawn.id,
      reviewed.id,
    ]);
    expect(recorded.map((row) => row.type).sort()).toEqual([
      'charge.dispute.funds_withdrawn',
      'charge.dispute.updated',
    ]);

    // Won: Stripe gives the funds back (funds_reinstated) and closes it, in either order; each producer is paid back once.
    const won = { ...dispute, status: 'won' };
    await deliver(stripeEvent('charge.dispute.funds_reinstated', won));
    await deliver(stripeEvent('charge.dispute.closed', won));
    await deliver(stripeEvent('charge.dispute.funds_reinstated', won));
    await stack.drainOutbox();
    expect(await disputeOf(order.id)).toMatchObject({ outcome: 'WON', status: 'won' });
    expect(await jobsFor('payments.retransfer', parts)).toHaveLength(2);
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
