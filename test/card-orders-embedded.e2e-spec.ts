import request from 'supertest';
import { InProcessJobRunner, OutboxMessage } from '@app/platform';
import { type RunningApp, startApp } from './support/app-modes';
import { type FakeStripe, signEvent, startFakeStripe, stripeEvent } from './support/fake-stripe';
import { graphql } from './support/graphql-client';
import { type Market, createMarket, placeOrder } from './support/ordering-fixtures';
import { waitFor } from './support/test-services';

/**
 * The expiry of unpaid card orders without Redis (PRODUCT.md §7): the delayed job waits in the SQLite outbox and the
 * in-process runner hands it out only once due.
 */
const WEBHOOK_SECRET = 'whsec_card_orders_embedded';
const ORDER =
  'query ($id: ID!) { order(id: $id) { status payment { status } supplierOrders { status paymentStatus } } }';

describe('card orders expire in the embedded mode too (SQLite, jobs in-process)', () => {
  let fake: FakeStripe;
  let running: RunningApp;
  let market: Market;

  const stockOf = async (productId: string) =>
    (
      await graphql<{ product: { stock: number } }>(running.app, 'query ($id: ID!) { product(id: $id) { stock } }', {
        id: productId,
      })
    ).data!.product.stock;
  const orderOf = async (id: string) =>
    (
      await graphql<{
        order: {
          status: string;
          payment: { status: string } | null;
          supplierOrders: { status: string; paymentStatus: string }[];
        };
      }>(running.app, ORDER, { id }, market.consumer.accessToken)
    ).data!.order;

  beforeAll(async () => {
    fake = await startFakeStripe();
    running = await startApp('embedded', 'card-orders-embedded', {
      STRIPE_SECRET_KEY: 'sk_test_embedded',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
    });
    market = await createMarket(running.app);
    // The farm onboards with Stripe, and Stripe tells us its account takes payments.
    const link = await graphql(
      running.app,
      'mutation ($p: ID!) { startProducerOnboarding(producerId: $p) { url } }',
      { p: market.farm },
      market.farmer.accessToken,
    );
    expect(link.errors).toBeUndefined();
    const account = fake
      .all('account')
      .find((candidate) => (candidate.metadata as Record<string, string>).producerId === market.farm)!;
    const enabled = fake.setAccount(String(account.id), {
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { transfers: 'active' },
    });
    const { payload, signature } = signEvent(
      stripeEvent('account.updated', enabled, { account: account.id }),
      WEBHOOK_SECRET,
    );
    const delivered = await request(running.app.getHttpServer())
      .post('/webhooks/stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', signature)
      .send(payload);
    expect(delivered.status).toBe(200);
  });

  afterAll(async () => {
    await running?.close();
    await fake?.close();
  });

  it('an unpaid card order is cancelled PAYMENT_EXPIRED once its time is up, and its stock comes back', async () => {
    const stock = await stockOf(market.products.carrots);
    const placed = await placeOrder(running.app, market.consumer.accessToken, {
      lines: [{ productId: market.products.carrots, quantity: 2 }],
      deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmPickup }],
      deliveryAddress: {
        line1: '8 rue Émile Zola',
        postalCode: '23000',
        city: 'Guéret',
        latitude: 46.17,
        longitude: 1.87,
      },
      paymentMethod: 'CARD',
    });
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder;
    expect(await stockOf(market.products.carrots)).toBe(stock - 2);

    // The job waits for its time (30 minutes by default): running the due jobs leaves the order as it is.
    const runner = running.app.get(InProcessJobRunner);
    const due = (await running.em.fork().find(OutboxMessage, { topic: 'ordering.card-payment-due' })).find(
      (message) => message.payload.orderId === order.id,
    )!;
    expect(due.availableAt.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    await runner.runDueJobs();
    expect((await orderOf(order.id)).supplierOrders).toEqual([{ status: 'PLACED', paymentStatus: 'AWAITING' }]);

    // Its time is up: the in-process runner expires it.
    await running.em.fork().nativeUpdate(OutboxMessage, { id: due.id }, { availableAt: new Date(Date.now() - 1000) });
    await waitFor(async () => (await orderOf(order.id)).status === 'CANCELLED', { what: 'the order to expire' });
    expect(await orderOf(order.id)).toEqual({
      status: 'CANCELLED',
      payment: { status: 'CANCELLED' },
      supplierOrders: [{ status: 'CANCELLED', paymentStatus: 'EXPIRED' }],
    });
    expect(await stockOf(market.products.carrots)).toBe(stock);
  });
});
