import request from 'supertest';
import {
  type FakeStripe,
  type StripeObject,
  signEvent,
  startFakeStripe,
  stripeEvent,
  unixNow,
} from './support/fake-stripe';
import { graphql } from './support/graphql-client';
import { registerUser } from './support/identity-client';
import { producerAt } from './support/catalog-fixtures';
import { type Market, createMarket, placeOrder } from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';

const WEBHOOK_SECRET = 'whsec_ancrage_order';
const GUERET_HOME = {
  line1: '8 rue Émile Zola',
  postalCode: '23000',
  city: 'Guéret',
  latitude: 46.17,
  longitude: 1.87,
};
const START = 'mutation ($id: ID!) { startCardPayment(orderId: $id) { paymentIntentId } }';
const ENABLED = {
  charges_enabled: true,
  payouts_enabled: true,
  details_submitted: true,
  capabilities: { transfers: 'active' },
};
const DISABLED = {
  charges_enabled: false,
  payouts_enabled: false,
  details_submitted: true,
  capabilities: { transfers: 'inactive' },
};

/**
 * Issue #20 item 9: Stripe delivers events late and out of order. An event older than the state we hold never
 * overwrites it — an `account.updated` by its `created` time against the account's `stripeUpdatedAt`, a payment event
 * by the payment's monotonic state table. Real signed webhooks, real client, the fake Stripe server.
 */
describe('out-of-order Stripe events (issue #20 item 9)', () => {
  let fake: FakeStripe;
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;

  const deliver = async (event: StripeObject) => {
    const { payload, signature } = signEvent(event, WEBHOOK_SECRET);
    const response = await request(stack.api.getHttpServer())
      .post('/webhooks/stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', signature)
      .send(payload);
    expect(response.status).toBe(200);
  };
  const accountRow = async (accountId: string) =>
    (
      await stack.em
        .fork()
        .execute(
          'select charges_enabled, payouts_enabled, transfers_active, stripe_updated_at from producer_payout_account where stripe_account_id = ?',
          [accountId],
        )
    )[0] as {
      charges_enabled: boolean;
      payouts_enabled: boolean;
      transfers_active: boolean;
      stripe_updated_at: Date | string | null;
    };
  /** A new producer with a Stripe account of its own, of which we have heard nothing yet. */
  const newAccount = async (name: string) => {
    const owner = await registerUser(stack.api, name);
    const farm = await producerAt(stack.api, owner, `Ferme ${name}`, {
      postalCode: '23000',
      inseeCode: '23096',
      latitude: 46.16,
      longitude: 1.87,
    });
    const link = await graphql(
      stack.api,
      'mutation ($p: ID!) { startProducerOnboarding(producerId: $p) { url } }',
      { p: farm },
      owner.accessToken,
    );
    expect(link.errors).toBeUndefined();
    return String(
      (
        await stack.em
          .fork()
          .execute('select stripe_account_id from producer_payout_account where producer_id = ?', [farm])
      )[0].stripe_account_id,
    );
  };
  const accountUpdated = (accountId: string, state: StripeObject, created: number) =>
    stripeEvent('account.updated', fake.setAccount(accountId, state), { account: accountId, created });

  beforeAll(async () => {
    fake = await startFakeStripe();
    stack = await startProductionStack('stripe-event-order', {
      STRIPE_SECRET_KEY: 'sk_test_ancrage',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_ancrage',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
    });
    market = await createMarket(stack.api);
    for (const [owner, producer] of [
      [market.farmer, market.farm],
      [market.orchardist, market.orchard],
    ] as const) {
      await graphql(
        stack.api,
        'mutation ($p: ID!) { startProducerOnboarding(producerId: $p) { url } }',
        { p: producer },
        owner.accessToken,
      );
      const accountId = String(
        (
          await stack.em
            .fork()
            .execute('select stripe_account_id from producer_payout_account where producer_id = ?', [producer])
        )[0].stripe_account_id,
      );
      await deliver(accountUpdated(accountId, ENABLED, unixNow()));
    }
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('a newer account.updated (disabled) then an older one (enabled): the account stays disabled', async () => {
    const accountId = await newAccount('desactivee');
    const t = unixNow();
    await deliver(accountUpdated(accountId, DISABLED, t));
    await deliver(accountUpdated(accountId, ENABLED, t - 60));
    expect(await accountRow(accountId)).toMatchObject({
      charges_enabled: false,
      payouts_enabled: false,
      transfers_active: false,
    });
    expect(new Date((await accountRow(accountId)).stripe_updated_at!).getTime()).toBe(t * 1000);
  });

  it('a newer account.updated (enabled) then an older one (disabled): the account stays enabled', async () => {
    const accountId = await newAccount('activee');
    const t = unixNow();
    await deliver(accountUpdated(accountId, ENABLED, t));
    await deliver(accountUpdated(accountId, DISABLED, t - 1));
    expect(await accountRow(accountId)).toMatchObject({
      charges_enabled: true,
      payouts_enabled: true,
      transfers_active: true,
    });
  });

  it('the other side of the limit: events in order, or of the same second, are applied', async () => {
    const accountId = await newAccount('ordre');
    const t = unixNow();
    await deliver(accountUpdated(accountId, DISABLED, t - 60));
    expect(await accountRow(accountId)).toMatchObject({ charges_enabled: false, transfers_active: false });
    await deliver(accountUpdated(accountId, ENABLED, t - 59));
    expect(await accountRow(accountId)).toMatchObject({ charges_enabled: true, transfers_active: true });
    await deliver(accountUpdated(accountId, DISABLED, t - 59));
    expect(await accountRow(accountId)).toMatchObject({ charges_enabled: false, transfers_active: false });
    expect(new Date((await accountRow(accountId)).stripe_updated_at!).getTime()).toBe((t - 59) * 1000);
  });

  it('a newer payment_intent.succeeded then older payment_failed and canceled: the payment stays SUCCEEDED, paid once', async () => {
    const placed = await placeOrder(stack.api, market.consumer.accessToken, {
      lines: [{ productId: market.products.carrots, quantity: 2 }],
      deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmPickup }],
      deliveryAddress: GUERET_HOME,
      paymentMethod: 'CARD',
    });
    expect(placed.errors).toBeUndefined();
    const orderId = placed.data!.placeOrder.id;
    const started = await graphql<{ startCardPayment: { paymentIntentId: string } }>(
      stack.api,
      START,
      { id: orderId },
      market.consumer.accessToken,
    );
    const intentId = started.data!.startCardPayment.paymentIntentId;
    const pending = fake.get(intentId)!;
    const t = unixNow();
    await deliver(stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(intentId), { created: t }));
    await deliver(
      stripeEvent(
        'payment_intent.payment_failed',
        { ...pending, status: 'requires_payment_method' },
        { created: t - 30 },
      ),
    );
    await deliver(stripeEvent('payment_intent.canceled', { ...pending, status: 'canceled' }, { created: t - 20 }));
    await stack.drainOutbox();
    const order = await graphql<{ order: { payment: { status: string } } }>(
      stack.api,
      'query ($id: ID!) { order(id: $id) { payment { status } } }',
      { id: orderId },
      market.consumer.accessToken,
    );
    expect(order.data!.order.payment.status).toBe('SUCCEEDED');
    const paidMessages = await stack.em
      .fork()
      .execute(
        "select count(*) as n from outbox_message where topic = 'payments.order-paid' and payload->>'orderId' = ?",
        [orderId],
      );
    expect(Number(paidMessages[0].n)).toBe(1);
  });

  it('the other side for payments: an older failure then a newer success is applied', async () => {
    const placed = await placeOrder(stack.api, market.consumer.accessToken, {
      lines: [{ productId: market.products.carrots, quantity: 1 }],
      deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmPickup }],
      deliveryAddress: GUERET_HOME,
      paymentMethod: 'CARD',
    });
    const orderId = placed.data!.placeOrder.id;
    const intentId = (
      await graphql<{ startCardPayment: { paymentIntentId: string } }>(
        stack.api,
        START,
        { id: orderId },
        market.consumer.accessToken,
      )
    ).data!.startCardPayment.paymentIntentId;
    const t = unixNow();
    const status = async () =>
      (
        await graphql<{ order: { payment: { status: string } } }>(
          stack.api,
          'query ($id: ID!) { order(id: $id) { payment { status } } }',
          { id: orderId },
          market.consumer.accessToken,
        )
      ).data!.order.payment.status;
    await deliver(
      stripeEvent(
        'payment_intent.payment_failed',
        { ...fake.get(intentId)!, status: 'requires_payment_method' },
        { created: t - 30 },
      ),
    );
    expect(await status()).toBe('FAILED');
    await deliver(stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(intentId), { created: t }));
    expect(await status()).toBe('SUCCEEDED');
  });
});
