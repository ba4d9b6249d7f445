import request from 'supertest';
import { type FakeStripe, type StripeObject, signEvent, startFakeStripe, stripeEvent } from './support/fake-stripe';
import { createProduct } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { type Market, createMarket, markProducersPayable, placeOrder } from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';

/**
 * PRODUCT.md §7 "Card orders are safe to run" (RELIABILITY.md INV-04, INV-06, JOB-05), on the production topology
 * (PostgreSQL, Redis, the worker) with the fake Stripe: payability at placement, no move before payment, expiry of
 * unpaid orders racing late webhooks, Stripe refusals as PAYMENT_FAILED, and permanent 4xx not retried.
 */
const WEBHOOK_SECRET = 'whsec_card_orders';
const GUERET_HOME = {
  line1: '8 rue Émile Zola',
  postalCode: '23000',
  city: 'Guéret',
  latitude: 46.17,
  longitude: 1.87,
};
const START = 'mutation ($id: ID!) { startCardPayment(orderId: $id) { paymentIntentId clientSecret amountCents } }';
const MOVE =
  'mutation ($id: ID!, $s: SupplierOrderStatus!) { updateSupplierOrderStatus(id: $id, status: $s) { status paymentStatus } }';
const ORDER =
  'query ($id: ID!) { order(id: $id) { status payment { status amountCents refundedCents } supplierOrders { id status paymentStatus } } }';

interface PartRow {
  id: string;
  status: string;
  payment_status: string;
  cancel_reason: string | null;
}

describe('card orders are safe to run (PRODUCT.md §7)', () => {
  let fake: FakeStripe;
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;

  const deliver = (event: StripeObject) => {
    const { payload, signature } = signEvent(event, WEBHOOK_SECRET);
    return request(stack.api.getHttpServer())
      .post('/webhooks/stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', signature)
      .send(payload);
  };
  const sql = async <T>(query: string, params: unknown[] = []) => (await stack.em.fork().execute(query, params)) as T[];
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number((await sql<{ n: string }>(`select count(*) as n from ${table} where ${where}`, params))[0].n);
  const stockOf = async (productId: string) =>
    Number(
      (await sql<{ stock_thousandths: string }>('select stock_thousandths from product where id = ?', [productId]))[0]
        .stock_thousandths,
    ) / 1000;
  const partsOf = (orderId: string) =>
    sql<PartRow>(
      'select id, status, payment_status, cancel_reason from supplier_order where order_id = ? order by id',
      [orderId],
    );
  const paymentOf = async (orderId: string) =>
    (
      await sql<{ status: string; amount_cents: number; refunded_cents: number }>(
        'select status, amount_cents, refunded_cents from payment where order_id = ?',
        [orderId],
      )
    )[0];
  const cardOrder = async (productId = market.products.carrots, quantity = 2) => {
    const placed = await placeOrder(stack.api, market.consumer.accessToken, {
      lines: [{ productId, quantity }],
      deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmPickup }],
      deliveryAddress: GUERET_HOME,
      paymentMethod: 'CARD',
    });
    expect(placed.errors).toBeUndefined();
    return placed.data!.placeOrder;
  };
  const startPayment = async (orderId: string) => {
    const response = await graphql<{ startCardPayment: { paymentIntentId: string; amountCents: number } }>(
      stack.api,
      START,
      { id: orderId },
      market.consumer.accessToken,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.startCardPayment;
  };
  /**
   * The order's CARD_PAYMENT_DUE job comes due now (as if CARD_PAYMENT_TTL_MINUTES had passed): a second ago, since
   * PostgreSQL's now() has microseconds and the outbox compares with JavaScript's milliseconds (the same millisecond
   * would read as not yet due, and drainOutbox would find nothing to wait for).
   */
  const timeIsUp = (orderIds: string[]) =>
    stack.em
      .fork()
      .execute(
        "update outbox_message set available_at = now() - interval '1 second' where topic = 'ordering.card-payment-due' and payload->>'orderId' in (?)",
        [orderIds],
      );

  beforeAll(async () => {
    fake = await startFakeStripe();
    stack = await startProductionStack('card-orders', {
      STRIPE_SECRET_KEY: 'sk_test_card_orders',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
      CARD_PAYMENT_TTL_MINUTES: '30',
    });
    market = await createMarket(stack.api);
    // The farm's Stripe account exists at the fake and takes charges and transfers (as after its onboarding).
    const account = fake.seedAccount({
      charges_enabled: true,
      payouts_enabled: true,
      capabilities: { transfers: 'active' },
    });
    await stack.em
      .fork()
      .execute(
        'insert into producer_payout_account (producer_id, stripe_account_id, charges_enabled, payouts_enabled, transfers_active, updated_at) values (?, ?, true, true, true, now())',
        [market.farm, account.id],
      );
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('placeOrder with CARD refuses a producer that cannot take card payments, naming it, and writes nothing', async () => {
    const before = {
      orders: await count('customer_order'),
      parts: await count('supplier_order'),
      outbox: await count('outbox_message'),
      carrots: await stockOf(market.products.carrots),
      juice: await stockOf(market.products.juice),
    };
    const refused = await placeOrder(stack.api, market.consumer.accessToken, {
      lines: [
        { productId: market.products.carrots, quantity: 1 },
        { productId: market.products.juice, quantity: 1 },
      ],
      deliveries: [
        { producerId: market.farm, deliveryOptionId: market.options.farmPickup },
        { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
      ],
      deliveryAddress: GUERET_HOME,
      paymentMethod: 'CARD',
    });
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'PRODUCER_NOT_PAYABLE',
      producerId: market.orchard,
      producerName: 'Vergers de la Vienne',
    });
    expect(refused.errors?.[0].message).toContain('Vergers de la Vienne');
    expect({
      orders: await count('customer_order'),
      parts: await count('supplier_order'),
      outbox: await count('outbox_message'),
      carrots: await stockOf(market.products.carrots),
      juice: await stockOf(market.products.juice),
    }).toEqual(before);
    // The cart page knows it beforehand: a consumer's quote (paid by card) shows the problem on that producer's part.
    const QUOTE =
      'query ($input: QuoteCartInput!) { quoteCart(input: $input) { producers { producer { id } problems { code message } } } }';
    const lines = [
      { productId: market.products.carrots, quantity: 1 },
      { productId: market.products.juice, quantity: 1 },
    ];
    const consumerQuote = await graphql<{
      quoteCart: { producers: { producer: { id: string }; problems: { code: string; message: string }[] }[] };
    }>(stack.api, QUOTE, { input: { lines, deliveryAddress: GUERET_HOME } });
    const problemsOf = (quote: typeof consumerQuote, producerId: string) =>
      quote.data!.quoteCart.producers.find((part) => part.producer.id === producerId)!.problems;
    expect(problemsOf(consumerQuote, market.orchard)).toContainEqual({
      code: 'PRODUCER_NOT_PAYABLE',
      message:
        'Vergers de la Vienne ne peut pas encore être payé par carte\u00a0: retirez ses produits du panier pour commander.',
    });
    expect(problemsOf(consumerQuote, market.farm).map((problem) => problem.code)).not.toContain('PRODUCER_NOT_PAYABLE');
    const businessQuote = await graphql<{
      quoteCart: { producers: { producer: { id: string }; problems: { code: string; message: string }[] }[] };
    }>(stack.api, QUOTE, { input: { lines, buyerOrganizationId: market.restaurant } }, market.chef.accessToken);
    expect(problemsOf(businessQuote, market.orchard).map((problem) => problem.code)).not.toContain(
      'PRODUCER_NOT_PAYABLE',
    );
    // Paid by invoice, the same producer is no problem: a business may order from it.
    const byInvoice = await placeOrder(stack.api, market.chef.accessToken, {
      buyerOrganizationId: market.restaurant,
      lines: [{ productId: market.products.juice, quantity: 1 }],
      deliveries: [{ producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier }],
    });
    expect(byInvoice.errors).toBeUndefined();
    expect(byInvoice.data!.placeOrder.supplierOrders.map((part) => part.id)).toHaveLength(1);
    expect((await partsOf(byInvoice.data!.placeOrder.id))[0].payment_status).toBe('NOT_REQUIRED');
    // Once Stripe says its account takes payments, the card order goes through.
    await markProducersPayable(stack.em.fork(), [market.orchard]);
    const accepted = await placeOrder(stack.api, market.consumer.accessToken, {
      lines: [{ productId: market.products.juice, quantity: 1 }],
      deliveries: [{ producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier }],
      deliveryAddress: GUERET_HOME,
      paymentMethod: 'CARD',
    });
    expect(accepted.errors).toBeUndefined();
    await stack.em
      .fork()
      .execute('update producer_payout_account set charges_enabled = false where producer_id = ?', [market.orchard]);
  });

  it('a card order cannot be confirmed before it is paid (AWAITING_PAYMENT), and can once the verified webhook came', async () => {
    const order = await cardOrder();
    const part = order.supplierOrders[0];
    const early = await graphql(stack.api, MOVE, { id: part.id, s: 'CONFIRMED' }, market.farmer.accessToken);
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      reason: 'AWAITING_PAYMENT',
      from: 'PLACED',
      to: 'CONFIRMED',
    });
    expect(await partsOf(order.id)).toEqual([
      { id: part.id, status: 'PLACED', payment_status: 'AWAITING', cancel_reason: null },
    ]);
    expect(await count('supplier_order_transition', 'supplier_order_id = ?', [part.id])).toBe(1);
    const seen = await graphql<{ order: { supplierOrders: { paymentStatus: string }[] } }>(
      stack.api,
      ORDER,
      { id: order.id },
      market.consumer.accessToken,
    );
    expect(seen.data!.order.supplierOrders[0].paymentStatus).toBe('AWAITING');

    const card = await startPayment(order.id);
    expect(
      (await deliver(stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(card.paymentIntentId)))).status,
    ).toBe(200);
    const confirmed = await graphql<{ updateSupplierOrderStatus: { status: string; paymentStatus: string } }>(
      stack.api,
      MOVE,
      { id: part.id, s: 'CONFIRMED' },
      market.farmer.accessToken,
    );
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.updateSupplierOrderStatus).toEqual({ status: 'CONFIRMED', paymentStatus: 'PAID' });
    await stack.drainOutbox();
  });

  it('an unpaid card order expires: cancelled PAYMENT_EXPIRED, stock back once, payment cancelled; paying it afterwards is refused', async () => {
    const stock = await stockOf(market.products.carrots);
    const unstarted = await cardOrder();
    const started = await cardOrder();
    const card = await startPayment(started.id);
    expect(await stockOf(market.products.carrots)).toBe(stock - 4);
    // Not due yet: draining the outbox leaves both orders as they are.
    await stack.drainOutbox();
    expect((await partsOf(unstarted.id))[0].status).toBe('PLACED');

    await timeIsUp([unstarted.id, started.id]);
    await stack.drainOutbox();
    for (const order of [unstarted, started]) {
      expect(await partsOf(order.id)).toEqual([
        {
          id: order.supplierOrders[0].id,
          status: 'CANCELLED',
          payment_status: 'EXPIRED',
          cancel_reason: 'PAYMENT_EXPIRED',
        },
      ]);
      expect((await paymentOf(order.id)).status).toBe('CANCELLED');
    }
    expect(await stockOf(market.products.carrots)).toBe(stock);
    // The producer is told in plain words (not as if the buyer had cancelled), and so is the buyer.
    const mails = await sql<{ recipient: string; subject: string; text: string }>(
      'select recipient, subject, text from sent_email where subject like ?',
      [`%${started.number}%`],
    );
    expect(mails.filter((mail) => mail.recipient === market.farmer.user.email).map((mail) => mail.subject)).toContain(
      `Commande ${started.number} annulée\u00a0: paiement non reçu`,
    );
    expect(
      mails
        .filter((mail) => mail.recipient === market.consumer.user.email)
        .map((mail) => mail.text)
        .join('\n'),
    ).toContain('Le paiement par carte n’a pas été reçu à temps');
    // The PaymentIntent is cancelled at Stripe too, so the buyer's card can no longer be charged for it.
    expect(fake.get(card.paymentIntentId)).toMatchObject({ status: 'canceled' });
    const late = await graphql(stack.api, START, { id: unstarted.id }, market.consumer.accessToken);
    expect(late.errors?.[0].extensions.code).toBe('INVALID_STATE_TRANSITION');
    const seen = await graphql<{ order: { status: string; supplierOrders: { paymentStatus: string }[] } }>(
      stack.api,
      ORDER,
      { id: started.id },
      market.consumer.accessToken,
    );
    expect(seen.data!.order).toMatchObject({ status: 'CANCELLED', supplierOrders: [{ paymentStatus: 'EXPIRED' }] });
  });

  it('a payment that succeeds after the expiry is refunded in full, once; a payment before it keeps the order', async () => {
    const stock = await stockOf(market.products.carrots);
    const lateOrder = await cardOrder();
    const lateCard = await startPayment(lateOrder.id);
    // Stripe took the money just as the time ran out; its webhook arrives after the expiry.
    const lateIntent = fake.succeedPaymentIntent(lateCard.paymentIntentId);
    await timeIsUp([lateOrder.id]);
    await stack.drainOutbox();
    expect((await partsOf(lateOrder.id))[0]).toMatchObject({ status: 'CANCELLED', cancel_reason: 'PAYMENT_EXPIRED' });
    for (let i = 0; i < 3; i += 1)
      expect((await deliver(stripeEvent('payment_intent.succeeded', lateIntent))).status).toBe(200);
    await stack.drainOutbox();
    expect(await paymentOf(lateOrder.id)).toMatchObject({ status: 'REFUNDED', refunded_cents: lateOrder.totalCents });
    expect((await partsOf(lateOrder.id))[0]).toMatchObject({ status: 'CANCELLED', payment_status: 'REFUNDED' });
    expect(
      fake.requests.filter(
        (call) =>
          call.path === '/v1/refunds' &&
          (call.params as { payment_intent?: string }).payment_intent === lateCard.paymentIntentId &&
          !call.replayed,
      ),
    ).toHaveLength(1);
    expect(
      await count('payment_refund', 'payment_id = (select id from payment where order_id = ?)', [lateOrder.id]),
    ).toBe(1);
    expect(await count('producer_transfer', 'order_id = ?', [lateOrder.id])).toBe(0);

    const paidOrder = await cardOrder();
    const paidCard = await startPayment(paidOrder.id);
    expect(
      (await deliver(stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(paidCard.paymentIntentId))))
        .status,
    ).toBe(200);
    await timeIsUp([paidOrder.id]);
    await stack.drainOutbox();
    expect(await partsOf(paidOrder.id)).toEqual([
      { id: paidOrder.supplierOrders[0].id, status: 'PLACED', payment_status: 'PAID', cancel_reason: null },
    ]);
    expect((await paymentOf(paidOrder.id)).status).toBe('SUCCEEDED');
    expect(await stockOf(market.products.carrots)).toBe(stock - 2);
  });

  it('INV-04/INV-06: 100 concurrent webhook deliveries racing the expiry of 10 orders: each ends paid or expired-and-refunded, never both, stock restored once', async () => {
    const product = (
      await createProduct(stack.api, market.farmer, {
        producerId: market.farm,
        name: 'Panais',
        category: 'FRESH_VEGETABLES',
        priceCents: 300,
        stock: 100,
      })
    ).id;
    const orders = [];
    for (let i = 0; i < 10; i += 1) orders.push(await cardOrder(product, 3));
    expect(await stockOf(product)).toBe(70);
    const events: StripeObject[] = [];
    for (const order of orders) {
      const card = await startPayment(order.id);
      const intent = fake.succeedPaymentIntent(card.paymentIntentId);
      // Stripe sends an event more than once, and sometimes two events for the same success.
      const sent = [stripeEvent('payment_intent.succeeded', intent), stripeEvent('payment_intent.succeeded', intent)];
      for (let i = 0; i < 10; i += 1) events.push(sent[i % 2]);
    }
    const ids = orders.map((order) => order.id);
    const responses = await Promise.all([timeIsUp(ids).then(() => null), ...events.map((event) => deliver(event))]);
    expect(responses.filter((response) => response !== null && response.status !== 200)).toEqual([]);
    await stack.drainOutbox();
    expect(await count('outbox_delivery', 'failed_at is not null')).toBe(0);

    let paid = 0;
    for (const order of orders) {
      const [part] = await partsOf(order.id);
      const payment = await paymentOf(order.id);
      const refunds = await count('payment_refund', 'supplier_order_id = ?', [part.id]);
      const wasPaid =
        part.status === 'PLACED' &&
        part.payment_status === 'PAID' &&
        payment.status === 'SUCCEEDED' &&
        payment.refunded_cents === 0 &&
        refunds === 0;
      const expiredAndRefunded =
        part.status === 'CANCELLED' &&
        part.cancel_reason === 'PAYMENT_EXPIRED' &&
        part.payment_status === 'REFUNDED' &&
        payment.status === 'REFUNDED' &&
        payment.refunded_cents === order.totalCents &&
        refunds === 1;
      const outcome =
        wasPaid && !expiredAndRefunded
          ? 'paid'
          : expiredAndRefunded && !wasPaid
            ? 'expired-and-refunded'
            : 'inconsistent';
      expect({ order: order.number, outcome, part, payment, refunds }).toMatchObject({
        outcome: expect.stringMatching(/^(paid|expired-and-refunded)$/),
      });
      if (wasPaid) paid += 1;
    }
    // Stock taken by the paid orders only: each expired order gave its 3 back exactly once.
    expect(await stockOf(product)).toBe(100 - 3 * paid);
    expect(
      await count(
        'supplier_order_transition',
        "supplier_order_id in (select id from supplier_order where order_id in (?)) and to_status = 'CANCELLED'",
        [ids],
      ),
    ).toBe(10 - paid);
  });

  it('a Stripe refusal reaches the client as PAYMENT_FAILED with its decline code, after one attempt, and keeps nothing', async () => {
    const order = await cardOrder();
    const before = fake.requests.filter((call) => call.path === '/v1/payment_intents').length;
    fake.failNext(/^\/v1\/payment_intents$/, { status: 402 });
    const refused = await graphql(stack.api, START, { id: order.id }, market.consumer.accessToken);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'PAYMENT_FAILED',
      declineCode: 'generic_decline',
      stripeCode: 'card_declined',
    });
    expect(fake.requests.filter((call) => call.path === '/v1/payment_intents').length).toBe(before + 1);
    expect(await paymentOf(order.id)).toBeUndefined();
    // Asked again, the same order gets its PaymentIntent.
    expect((await startPayment(order.id)).amountCents).toBe(order.totalCents);
  });

  it('JOB-05: a permanent Stripe 4xx in a job is attempted once and recorded; the job is not retried', async () => {
    const order = await cardOrder();
    const card = await startPayment(order.id);
    const transfersBefore = fake.requests.filter((call) => call.path === '/v1/transfers').length;
    fake.failNext(/^\/v1\/transfers$/, { status: 402 });
    expect(
      (await deliver(stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(card.paymentIntentId)))).status,
    ).toBe(200);
    await stack.drainOutbox();
    // The producer's transfer is a job of its own: it failed once and for good; the order-paid job went through.
    const [job] = await sql<{ attempts: number; failed_at: Date | null; last_error: string }>(
      "select d.attempts, d.failed_at, d.last_error from outbox_delivery d join outbox_message m on m.id = d.message_id where m.topic = 'payments.producer-transfer' and m.payload->>'orderId' = ?",
      [order.id],
    );
    expect(job.attempts).toBe(1);
    expect(job.failed_at).not.toBeNull();
    expect(job.last_error).toContain('card_declined');
    const [paid] = await sql<{ completed_at: Date | null }>(
      "select d.completed_at from outbox_delivery d join outbox_message m on m.id = d.message_id where m.topic = 'payments.order-paid' and m.payload->>'orderId' = ?",
      [order.id],
    );
    expect(paid.completed_at).not.toBeNull();
    expect(fake.requests.filter((call) => call.path === '/v1/transfers').length).toBe(transfersBefore + 1);
    expect(fake.pendingFaults()).toBe(0);
    // The payment itself stays recorded as it happened.
    expect((await paymentOf(order.id)).status).toBe('SUCCEEDED');
  });
});
