import request from 'supertest';
import { CARD_ORDER_HOME, cardPayments } from './support/card-order-fixtures';
import { type FakeStripe, signedWebhook, startFakeStripe, stripeEvent, unixNow } from './support/fake-stripe';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { type Market, createMarket, placeOrder } from './support/ordering-fixtures';
import { producerAt } from './support/catalog-fixtures';
import { startProductionStack } from './support/production-stack';

const WEBHOOK_SECRET = 'whsec_ancrage_test';
const START =
  'mutation ($id: ID!) { startCardPayment(orderId: $id) { paymentIntentId clientSecret amountCents publishableKey } }';
const PAYMENT =
  'query ($id: ID!) { order(id: $id) { totalCents payment { method status amountCents refundedCents } supplierOrders { id totalCents invoice { number status } } } }';

interface CardPayment {
  paymentIntentId: string;
  clientSecret: string;
  amountCents: number;
}

describe('card payments through Stripe (fake Stripe server, real client, signed webhooks)', () => {
  let fake: FakeStripe;
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;

  const postWebhook = (payload: string, signature?: string) => {
    const req = request(stack.api.getHttpServer()).post('/webhooks/stripe').set('content-type', 'application/json');
    if (signature !== undefined) req.set('stripe-signature', signature);
    return req.send(payload);
  };
  const cardOrders = cardPayments(() => ({ stack, fake, market }), WEBHOOK_SECRET);
  const { deliver } = cardOrders;
  const countRows = async (table: string, where = 'true', params: unknown[] = []) =>
    Number((await stack.em.fork().execute(`select count(*) as n from ${table} where ${where}`, params))[0].n);
  /** The producer goes through Stripe onboarding, and Stripe sends it back to its payouts page on the web. */
  const onboard = async (session: TestSession, producerId: string) => {
    const accountId = await cardOrders.onboard(session, producerId);
    const linkRequest = fake.requests.filter((request) => request.path === '/v1/account_links').at(-1)!;
    expect(linkRequest.params).toMatchObject({
      return_url: `http://localhost:3000/producteur/paiements?producteur=${producerId}`,
    });
    return accountId;
  };
  const consumerOrder = (session = market.consumer) => cardOrders.placeCardOrder({ drink: 'juice', session });
  const startPayment = async (orderId: string, session = market.consumer) => {
    const response = await graphql<{ startCardPayment: CardPayment }>(
      stack.api,
      START,
      { id: orderId },
      session.accessToken,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.startCardPayment;
  };
  const paymentOf = async (orderId: string, session = market.consumer) =>
    (
      await graphql<{
        order: {
          totalCents: number;
          payment: { method: string; status: string; amountCents: number; refundedCents: number } | null;
          supplierOrders: { id: string; totalCents: number; invoice: { number: string; status: string } | null }[];
        };
      }>(stack.api, PAYMENT, { id: orderId }, session.accessToken)
    ).data!.order;
  const succeed = (paymentIntentId: string) =>
    stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(paymentIntentId));

  beforeAll(async () => {
    fake = await startFakeStripe();
    stack = await startProductionStack('card-payments', {
      STRIPE_SECRET_KEY: 'sk_test_ancrage',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_ancrage',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
      PLATFORM_COMMISSION_RATE: '0.05',
    });
    market = await createMarket(stack.api);
    await onboard(market.farmer, market.farm);
    await onboard(market.orchardist, market.orchard);
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('a consumer pays a two-producer order by card: one PaymentIntent, a verified webhook, one transfer per producer, paid invoices', async () => {
    const order = await consumerOrder();
    // PAY-13: ten clicks on "Pay" at once give one PaymentIntent and the same client secret.
    const intentsBefore = fake.createdCount('payment_intent');
    const starts = await Promise.all(
      Array.from({ length: 10 }, () =>
        graphql<{ startCardPayment: CardPayment }>(stack.api, START, { id: order.id }, market.consumer.accessToken),
      ),
    );
    expect(new Set(starts.map((start) => start.data?.startCardPayment.clientSecret)).size).toBe(1);
    expect(fake.createdCount('payment_intent')).toBe(intentsBefore + 1);
    const card = starts[0].data!.startCardPayment;
    expect((await graphql<{ cardPaymentsAvailable: boolean }>(stack.api, '{ cardPaymentsAvailable }')).data).toEqual({
      cardPaymentsAvailable: true,
    });
    // PAY-14: the amount is the server's total, in cents.
    expect(card.amountCents).toBe(order.totalCents);
    expect(starts[0].data!.startCardPayment).toMatchObject({ publishableKey: 'pk_test_ancrage' });
    expect(fake.get(card.paymentIntentId)).toMatchObject({
      amount: order.totalCents,
      currency: 'eur',
      transfer_group: `order:${order.id}`,
      metadata: { orderId: order.id },
    });
    expect((await paymentOf(order.id)).payment).toMatchObject({ method: 'CARD', status: 'PENDING' });

    // Only a verified webhook marks it paid.
    const event = succeed(card.paymentIntentId);
    expect((await deliver(event)).status).toBe(200);
    await stack.drainOutbox();
    const paid = await paymentOf(order.id);
    expect(paid.payment).toMatchObject({ status: 'SUCCEEDED', amountCents: order.totalCents });
    expect(paid.supplierOrders.every((part) => part.invoice?.status === 'PAID')).toBe(true);

    // PAY-15 on the wire: each producer gets its total minus 5 %, from this charge, in this order's group.
    const transfers = fake.requests.filter(
      (call) =>
        call.method === 'POST' &&
        call.path === '/v1/transfers' &&
        (call.params as { transfer_group?: string }).transfer_group === `order:${order.id}`,
    );
    expect(transfers).toHaveLength(2);
    const charge = (fake.get(card.paymentIntentId) as { latest_charge: string }).latest_charge;
    let transferred = 0;
    let commission = 0;
    for (const part of order.supplierOrders) {
      const call = transfers.find(
        (candidate) =>
          (candidate.params as { metadata: { supplierOrderId: string } }).metadata.supplierOrderId === part.id,
      )!;
      const expectedCommission = Math.round(part.totalCents * 0.05);
      expect(call.params).toMatchObject({
        amount: String(part.totalCents - expectedCommission),
        currency: 'eur',
        source_transaction: charge,
      });
      expect(call.idempotencyKey).toBe(`transfer:${part.id}`);
      transferred += part.totalCents - expectedCommission;
      commission += expectedCommission;
    }
    expect(transferred + commission).toBe(order.totalCents);

    // PAY-04 / PAY-05: the same event again, 20 times at once, changes nothing.
    const outboxBefore = await countRows('outbox_message');
    const replays = await Promise.all(Array.from({ length: 20 }, () => deliver(event)));
    expect(replays.every((reply) => reply.status === 200)).toBe(true);
    await stack.drainOutbox();
    expect(await countRows('outbox_message')).toBe(outboxBefore);
    expect(await countRows('stripe_event', 'id = ?', [event.id as string])).toBe(1);
    expect(
      fake.requests.filter(
        (call) =>
          call.path === '/v1/transfers' &&
          (call.params as { transfer_group?: string }).transfer_group === `order:${order.id}`,
      ),
    ).toHaveLength(2);
  });

  it('PAY-02: refuses six kinds of bad signature with 400 and writes nothing; a signature 299 s old passes', async () => {
    const order = await consumerOrder();
    const card = await startPayment(order.id);
    const event = succeed(card.paymentIntentId);
    const payload = JSON.stringify(event);
    const before = { events: await countRows('stripe_event'), outbox: await countRows('outbox_message') };
    const bad: [string, string, string | undefined][] = [
      ['no header', payload, undefined],
      ['another secret', payload, signedWebhook(payload, 'whsec_someone_else')],
      ['one byte changed', payload.replace('"succeeded"', '"succeedeD"'), signedWebhook(payload, WEBHOOK_SECRET)],
      ['re-serialised body', JSON.stringify(JSON.parse(payload), null, 2), signedWebhook(payload, WEBHOOK_SECRET)],
      ['signed 301 s ago', payload, signedWebhook(payload, WEBHOOK_SECRET, unixNow() - 301)],
      ['t=abc', payload, `t=abc,v1=${signedWebhook(payload, WEBHOOK_SECRET).split('v1=')[1]}`],
    ];
    for (const [, body, signature] of bad) expect((await postWebhook(body, signature)).status).toBe(400);
    expect({ events: await countRows('stripe_event'), outbox: await countRows('outbox_message') }).toEqual(before);
    expect((await postWebhook(payload, signedWebhook(payload, WEBHOOK_SECRET, unixNow() - 299))).status).toBe(200);
    expect(await countRows('stripe_event', 'id = ?', [event.id as string])).toBe(1);
  });

  it('PAY-06: events in any order end PAID once; a late payment_failed of an earlier attempt changes nothing', async () => {
    const order = await consumerOrder();
    const card = await startPayment(order.id);
    const intent = fake.get(card.paymentIntentId)!;
    const failed = stripeEvent('payment_intent.payment_failed', { ...intent, status: 'requires_payment_method' });
    const processing = stripeEvent('payment_intent.processing', { ...intent, status: 'processing' });
    const succeeded = succeed(card.paymentIntentId);
    for (const event of [processing, failed, succeeded, failed, processing])
      expect((await deliver(event)).status).toBe(200);
    await stack.drainOutbox();
    expect((await paymentOf(order.id)).payment?.status).toBe('SUCCEEDED');
    expect(
      await countRows('outbox_message', "topic = 'payments.order-paid' and payload->>'orderId' = ?", [order.id]),
    ).toBe(1);
  });

  it('PAY-07: events that are not ours answer 2xx and write nothing', async () => {
    const order = await consumerOrder();
    const card = await startPayment(order.id);
    const intent = fake.get(card.paymentIntentId)!;
    const before = { events: await countRows('stripe_event'), outbox: await countRows('outbox_message') };
    const foreign = [
      stripeEvent('payment_intent.succeeded', { ...intent, metadata: {} }),
      stripeEvent('payment_intent.succeeded', intent, { livemode: true }),
      stripeEvent('account.updated', { ...fake.seedAccount(), id: 'acct_unknown' }),
      ...['customer.created', 'invoice.paid', 'charge.captured', 'payout.paid', 'product.created'].map((type) =>
        stripeEvent(type, { id: 'x_1', object: type.split('.')[0] }),
      ),
    ];
    for (const event of foreign) expect((await deliver(event)).status).toBe(200);
    expect({ events: await countRows('stripe_event'), outbox: await countRows('outbox_message') }).toEqual(before);
    expect((await paymentOf(order.id)).payment?.status).toBe('PENDING');
  });

  it('PAY-08: a failure while applying the event answers 5xx, and the redelivery is applied once', async () => {
    const order = await consumerOrder();
    const card = await startPayment(order.id);
    const event = succeed(card.paymentIntentId);
    await stack.em.fork().execute('alter table stripe_event rename to stripe_event_away');
    try {
      expect((await deliver(event)).status).toBeGreaterThanOrEqual(500);
    } finally {
      await stack.em.fork().execute('alter table stripe_event_away rename to stripe_event');
    }
    expect((await paymentOf(order.id)).payment?.status).toBe('PENDING');
    expect((await deliver(event)).status).toBe(200);
    expect((await paymentOf(order.id)).payment?.status).toBe('SUCCEEDED');
  });

  it('PAY-20: a producer who cannot receive transfers stops the payment before any PaymentIntent', async () => {
    const newcomer = await registerUser(stack.api, 'newcomer');
    const farm = await producerAt(stack.api, newcomer, 'Ferme nouvelle', {
      postalCode: '23000',
      inseeCode: '23096',
      latitude: 46.16,
      longitude: 1.87,
    });
    const product = await graphql<{ createProduct: { id: string } }>(
      stack.api,
      'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      {
        input: {
          producerId: farm,
          name: 'Miel',
          description: '',
          category: 'DRY_GROCERIES',
          unit: 'PIECE',
          unitMassKg: 0.5,
          priceCents: 900,
          vatRate: 0.055,
          stock: 10,
        },
      },
      newcomer.accessToken,
    );
    const pickup = await graphql<{ createDeliveryOption: { id: string } }>(
      stack.api,
      'mutation ($input: CreateDeliveryOptionInput!) { createDeliveryOption(input: $input) { id } }',
      {
        input: { producerId: farm, mode: 'PICKUP', label: 'Retrait' },
      },
      newcomer.accessToken,
    );
    const cart = {
      lines: [{ productId: product.data!.createProduct.id, quantity: 1 }],
      deliveries: [{ producerId: farm, deliveryOptionId: pickup.data!.createDeliveryOption.id }],
      deliveryAddress: CARD_ORDER_HOME,
      paymentMethod: 'CARD',
    };
    const intents = fake.createdCount('payment_intent');
    // Without a Stripe account, the card order is refused at placement already (PRODUCT.md §7).
    const notPayable = await placeOrder(stack.api, market.consumer.accessToken, cart);
    expect(notPayable.errors?.[0].extensions).toMatchObject({ code: 'PRODUCER_NOT_PAYABLE', producerId: farm });
    // Onboarded but not yet enabled by Stripe, while our record says otherwise (a stale account.updated): the
    // placement passes on the record, the payment asks Stripe itself and is still refused before any PaymentIntent.
    await graphql(
      stack.api,
      'mutation ($p: ID!) { startProducerOnboarding(producerId: $p) { url } }',
      { p: farm },
      newcomer.accessToken,
    );
    await stack.em
      .fork()
      .execute(
        'update producer_payout_account set charges_enabled = true, transfers_active = true where producer_id = ?',
        [farm],
      );
    const placed = await placeOrder(stack.api, market.consumer.accessToken, cart);
    expect(placed.errors).toBeUndefined();
    const refused = await graphql(stack.api, START, { id: placed.data!.placeOrder.id }, market.consumer.accessToken);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'PRODUCER_NOT_PAYABLE', producerId: farm });
    expect(fake.createdCount('payment_intent')).toBe(intents);
  });

  it('a part cancelled after payment is refunded and its transfer reversed; an order cancelled before payment cancels its PaymentIntent', async () => {
    const order = await consumerOrder();
    const card = await startPayment(order.id);
    await deliver(succeed(card.paymentIntentId));
    await stack.drainOutbox();
    const orchardPart = order.supplierOrders.find((part) => part.producer.id === market.orchard)!;
    const cancelled = await graphql(
      stack.api,
      'mutation ($id: ID!) { updateSupplierOrderStatus(id: $id, status: CANCELLED) { status } }',
      { id: orchardPart.id },
      market.orchardist.accessToken,
    );
    expect(cancelled.errors).toBeUndefined();
    await stack.drainOutbox();
    expect((await paymentOf(order.id)).payment).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      refundedCents: orchardPart.totalCents,
    });
    const refund = fake.requests.find(
      (call) => call.path === '/v1/refunds' && call.idempotencyKey === `refund:${orchardPart.id}`,
    );
    expect(refund?.params).toMatchObject({
      payment_intent: card.paymentIntentId,
      amount: String(orchardPart.totalCents),
    });
    const reversal = fake.requests.find((call) => call.idempotencyKey === `reversal:${orchardPart.id}`);
    expect(reversal?.params).toMatchObject({
      amount: String(orchardPart.totalCents - Math.round(orchardPart.totalCents * 0.05)),
    });

    const unpaid = await consumerOrder();
    const pending = await startPayment(unpaid.id);
    await graphql(
      stack.api,
      'mutation ($id: ID!) { cancelOrder(id: $id) { status } }',
      { id: unpaid.id },
      market.consumer.accessToken,
    );
    await stack.drainOutbox();
    expect(fake.get(pending.paymentIntentId)).toMatchObject({ status: 'canceled' });
    expect((await paymentOf(unpaid.id)).payment?.status).toBe('CANCELLED');
  });

  it('PAY-16: ten concurrent admin refunds of a fifth of the payment: five go through, five are refused, producers give back their share', async () => {
    const order = await consumerOrder();
    const card = await startPayment(order.id);
    await deliver(succeed(card.paymentIntentId));
    await stack.drainOutbox();
    const admin = await registerUser(stack.api, 'support');
    await stack.em.fork().execute('update app_user set is_platform_admin = true where id = ?', [admin.user.id]);
    const fifth = Math.floor(order.totalCents / 5);
    const REFUND =
      'mutation ($id: ID!, $amount: Int!) { refundPayment(orderId: $id, amountCents: $amount, reason: "Livraison abîmée") { refundedCents status } }';
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => graphql(stack.api, REFUND, { id: order.id, amount: fifth }, admin.accessToken)),
    );
    expect(responses.filter((response) => response.data)).toHaveLength(5);
    expect(
      responses.filter(
        (response) =>
          response.errors?.[0].extensions.code === 'CONFLICT' &&
          response.errors[0].extensions.reason === 'REFUND_EXCEEDS_CAPTURED',
      ),
    ).toHaveLength(5);
    await stack.drainOutbox(); // the producers' reversals are jobs
    expect(await countRows('outbox_delivery', 'failed_at is not null')).toBe(0);
    const payment = (await paymentOf(order.id)).payment!;
    expect(payment.refundedCents).toBe(5 * fifth);
    expect(payment.refundedCents).toBeLessThanOrEqual(order.totalCents);
    // Each refund that went through is in the audit log: who, on which order, how much, why.
    const audited = await stack.em
      .fork()
      .execute("select actor_id, target_id, reason, details from audit_entry where action = 'payment.refunded'");
    expect(audited).toHaveLength(5);
    for (const entry of audited) {
      expect(entry).toMatchObject({ actor_id: admin.user.id, target_id: order.id, reason: 'Livraison abîmée' });
      expect(entry.details).toMatchObject({ amountCents: fifth });
    }
    // Each producer gives back its pro-rata share of each refund (within a cent).
    for (const part of order.supplierOrders) {
      const reversed = fake.requests
        .filter((call) => call.idempotencyKey?.startsWith('reversal:') && call.idempotencyKey.endsWith(`:${part.id}`))
        .reduce((sum, call) => sum + Number((call.params as { amount: string }).amount), 0);
      const transfer = part.totalCents - Math.round(part.totalCents * 0.05);
      expect(Math.abs(reversed - (5 * fifth * transfer) / order.totalCents)).toBeLessThanOrEqual(5);
    }
    const consumerTries = await graphql(stack.api, REFUND, { id: order.id, amount: 1 }, market.consumer.accessToken);
    expect(consumerTries.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('a business pays by invoice: INVOICED at delivery, PAID once the producer marks it paid', async () => {
    const placed = await placeOrder(stack.api, market.chef.accessToken, {
      buyerOrganizationId: market.restaurant,
      lines: [{ productId: market.products.carrots, quantity: 12 }],
      deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmPickup }],
    });
    const order = placed.data!.placeOrder;
    for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED']) {
      await graphql(
        stack.api,
        'mutation ($id: ID!, $s: SupplierOrderStatus!) { updateSupplierOrderStatus(id: $id, status: $s) { id } }',
        { id: order.supplierOrders[0].id, s: status },
        market.farmer.accessToken,
      );
    }
    await stack.drainOutbox();
    const invoiced = await paymentOf(order.id, market.chef);
    expect(invoiced.payment).toMatchObject({ method: 'INVOICE', status: 'INVOICED', amountCents: order.totalCents });
    const invoiceId = (
      await graphql<{ order: { supplierOrders: { invoice: { id: string } }[] } }>(
        stack.api,
        'query ($id: ID!) { order(id: $id) { supplierOrders { invoice { id } } } }',
        { id: order.id },
        market.chef.accessToken,
      )
    ).data!.order.supplierOrders[0].invoice.id;
    expect(
      (
        await graphql(
          stack.api,
          'mutation ($id: ID!) { markInvoicePaid(id: $id) { status } }',
          { id: invoiceId },
          market.farmer.accessToken,
        )
      ).errors,
    ).toBeUndefined();
    expect((await paymentOf(order.id, market.chef)).payment?.status).toBe('PAID');
    expect(
      (await graphql(stack.api, START, { id: order.id }, market.chef.accessToken)).errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderId' });
  });

  it('PAY-10: every POST to Stripe carried a key built from our ids, never the client’s random one', () => {
    const posts = fake.requests.filter((call) => call.method === 'POST');
    expect(posts.length).toBeGreaterThan(10);
    expect(posts.filter((call) => !/^(pi|refund|transfer|reversal|acct):/.test(call.idempotencyKey ?? ''))).toEqual([]);
  });
});
