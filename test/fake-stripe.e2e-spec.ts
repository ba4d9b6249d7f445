import { existsSync } from 'node:fs';
import Stripe from 'stripe';
import {
  type FakeStripe,
  signedWebhook,
  startFakeStripe,
  STRIPE_FIXTURES_PATH,
  stripeEvent,
  unixNow,
} from './support/fake-stripe';

/**
 * The L2 fake Stripe (RELIABILITY.md §2) driven by the real `stripe` client: these tests pin down both the fake's
 * behaviour and what stripe-node 23 does on the wire (auto idempotency keys, which statuses it retries), which the
 * payment tests (PAY-10…13, PAY-20) rely on.
 */
describe('fake Stripe server (L2) with the real stripe client', () => {
  let fake: FakeStripe;
  let stripe: Stripe;
  const clientFor = (extra: { timeout?: number; maxNetworkRetries?: number } = {}) =>
    new Stripe('sk_test_x', {
      host: '127.0.0.1',
      port: fake.port,
      protocol: 'http',
      maxNetworkRetries: 2,
      telemetry: false,
      ...extra,
    });
  const posts = (path: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === path);
  const createPi = (amount: number, key?: string) =>
    stripe.paymentIntents.create(
      {
        amount,
        currency: 'eur',
        metadata: { orderId: 'order-42' },
        transfer_group: 'order:order-42',
        automatic_payment_methods: { enabled: true },
      },
      key ? { idempotencyKey: key } : undefined,
    );
  /** A connected account that can receive transfers, created through the API as the product would. */
  const readyAccount = async () => {
    const account = await stripe.accounts.create({
      type: 'express',
      country: 'FR',
      capabilities: { transfers: { requested: true } },
    });
    return fake.setAccount(account.id, {
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { transfers: 'active' },
    });
  };

  beforeAll(async () => {
    fake = await startFakeStripe();
    stripe = clientFor();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('reads the fixtures from the shared folder, outside the repository', () => {
    expect(STRIPE_FIXTURES_PATH).toMatch(/\/shared\/data\/stripe-fixtures3\.json$/);
    expect(existsSync(STRIPE_FIXTURES_PATH)).toBe(true);
    expect(fake.url).toBe(`http://127.0.0.1:${fake.port}`);
  });

  it('creates a PaymentIntent from the fixture, decoding the bracketed form parameters', async () => {
    const pi = await createPi(1234, 'pi:order-42:1');
    expect(pi).toMatchObject({
      object: 'payment_intent',
      amount: 1234,
      currency: 'eur',
      status: 'requires_payment_method',
      latest_charge: null,
      metadata: { orderId: 'order-42' },
      transfer_group: 'order:order-42',
      last_payment_error: null,
      next_action: null,
    });
    expect(pi.id).toMatch(/^pi_[A-Za-z0-9]{24}$/);
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_[A-Za-z0-9]+$`));
    const [request] = posts('/v1/payment_intents');
    expect(request.params).toEqual({
      amount: '1234',
      currency: 'eur',
      metadata: { orderId: 'order-42' },
      transfer_group: 'order:order-42',
      automatic_payment_methods: { enabled: 'true' },
    });
    expect(request.idempotencyKey).toBe('pi:order-42:1');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(pi.lastResponse.requestId).toMatch(/^req_/);
    expect(await stripe.paymentIntents.retrieve(pi.id)).toMatchObject({ id: pi.id, amount: 1234 });
  });

  it('replays a POST sent twice with the same key and the same parameters (1 object)', async () => {
    const first = await createPi(1234, 'pi:order-42:1');
    const second = await createPi(1234, 'pi:order-42:1');
    expect(second.id).toBe(first.id);
    expect(second.client_secret).toBe(first.client_secret);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(fake.createdCount('payment_intent')).toBe(1);
    expect(posts('/v1/payment_intents').map((r) => r.replayed)).toEqual([false, true]);
  });

  it('refuses the same key with different parameters: StripeIdempotencyError, not retried (PAY-12)', async () => {
    await createPi(1234, 'pi:order-42:1');
    const error = await createPi(9999, 'pi:order-42:1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
    expect(posts('/v1/payment_intents')).toHaveLength(2); // a 400 is final: the client does not retry it
    expect(fake.createdCount('payment_intent')).toBe(1);
  });

  it('10 concurrent calls with one key while the first is in flight: 409s, client retries, 1 object (PAY-13)', async () => {
    fake.latencyMs = 300; // without latency the fake answers each request atomically and there is nothing in flight
    const results = await Promise.all(Array.from({ length: 10 }, () => createPi(1234, 'pi:order-7:1')));
    expect(new Set(results.map((pi) => pi.id)).size).toBe(1);
    expect(new Set(results.map((pi) => pi.client_secret)).size).toBe(1);
    expect(fake.createdCount('payment_intent')).toBe(1);
    // The others hit "in flight" (409), were retried by the client ~0.5 s later and got the replay. (On a very slow
    // machine a caller may arrive after the first finished and be replayed directly, hence no exact 409 count.)
    const sent = posts('/v1/payment_intents');
    const conflicts = sent.filter((r) => r.status === 409).length;
    expect(conflicts).toBeGreaterThanOrEqual(1);
    expect(sent).toHaveLength(10 + conflicts);
    expect(sent.filter((r) => r.replayed)).toHaveLength(9);
  });

  it('10 concurrent calls with one key and no latency: the first creates, the other 9 are replayed directly', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => createPi(1234, 'pi:order-8:1')));
    expect(new Set(results.map((pi) => pi.id)).size).toBe(1);
    expect(posts('/v1/payment_intents').map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(posts('/v1/payment_intents').filter((r) => r.replayed)).toHaveLength(9);
  });

  it('a key still in flight after the retries are spent surfaces as StripeAPIError idempotency_key_in_use (not StripeIdempotencyError)', async () => {
    fake.latencyMs = 2500; // longer than the client's two back-offs (0.5 s + 0.5–1 s)
    const outcomes = await Promise.allSettled([createPi(1234, 'pi:order-5:1'), createPi(1234, 'pi:order-5:1')]);
    const errors = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(errors[0]).toMatchObject({ statusCode: 409, code: 'idempotency_key_in_use', type: 'StripeAPIError' });
    expect(
      posts('/v1/payment_intents')
        .map((r) => r.status)
        .sort(),
    ).toEqual([200, 409, 409, 409]);
    expect(fake.createdCount('payment_intent')).toBe(1);
  });

  it('a 500 then success with maxNetworkRetries 2: the retry reuses the key and 1 object is created (PAY-11)', async () => {
    fake.failNext(/^\/v1\/payment_intents$/, { status: 500 });
    const pi = await createPi(1234, 'pi:order-42:1');
    const sent = posts('/v1/payment_intents');
    expect(sent.map((r) => [r.status, r.idempotencyKey])).toEqual([
      [500, 'pi:order-42:1'],
      [200, 'pi:order-42:1'],
    ]);
    expect(fake.createdCount('payment_intent')).toBe(1);
    expect(fake.all('payment_intent').map((p) => p.id)).toEqual([pi.id]);
    expect(fake.pendingFaults()).toBe(0);
  });

  it('a connection reset before or after processing is retried into 1 object', async () => {
    fake.failNext(/^\/v1\/payment_intents$/, 'reset');
    await createPi(1000, 'pi:a:1');
    fake.failNext(/^\/v1\/payment_intents$/, 'reset-after'); // created, then the answer is lost
    const b = await createPi(2000, 'pi:b:1');
    expect(fake.createdCount('payment_intent')).toBe(2);
    expect(posts('/v1/payment_intents').map((r) => [r.idempotencyKey, r.status, r.replayed])).toEqual([
      ['pi:a:1', undefined, false],
      ['pi:a:1', 200, false],
      ['pi:b:1', undefined, false],
      ['pi:b:1', 200, true],
    ]);
    expect(b.amount).toBe(2000);
  });

  it('a request slower than the client timeout: the retry meets 409 in flight, then the replay (1 object)', async () => {
    const impatient = clientFor({ timeout: 300 });
    // 300 ms timeout, then ~500 ms back-off: the retry lands at ~800 ms, inside the 1.2 s the first request takes.
    fake.failNext(/^\/v1\/payment_intents$/, { delayMs: 1200 });
    const pi = await impatient.paymentIntents.create({ amount: 500, currency: 'eur' }, { idempotencyKey: 'pi:slow:1' });
    expect(fake.createdCount('payment_intent')).toBe(1);
    expect(posts('/v1/payment_intents').map((r) => r.status)).toEqual([200, 409, 200]); // the first 200 reached nobody
    expect(posts('/v1/payment_intents')[2].replayed).toBe(true);
    expect(pi.amount).toBe(500);
  });

  it('classifies the injected 402, 409 and 429 as stripe-node 23 does', async () => {
    fake.failNext(/^\/v1\/payment_intents$/, { status: 402 });
    await expect(createPi(100, 'pi:card:1')).rejects.toBeInstanceOf(Stripe.errors.StripeCardError);
    fake.failNext(/^\/v1\/payment_intents$/, { status: 429 });
    await expect(createPi(100, 'pi:rate:1')).rejects.toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(posts('/v1/payment_intents').map((r) => r.status)).toEqual([402, 429]); // neither is retried by the client
    fake.failNext(/^\/v1\/payment_intents$/, { status: 409 });
    await createPi(100, 'pi:conflict:1'); // a 409 is retried
    fake.failNext(/^\/v1\/payment_intents$/, { status: 429, headers: { 'stripe-should-retry': 'true' } });
    await createPi(100, 'pi:rate:2'); // …and so is anything the server flags with Stripe-Should-Retry
    expect(posts('/v1/payment_intents').map((r) => r.status)).toEqual([402, 429, 409, 200, 429, 200]);
    expect(fake.createdCount('payment_intent')).toBe(2);
  });

  it('without an explicit key the client sends its own stripe-node-retry-<uuid> on every POST, never on GET (PAY-10)', async () => {
    fake.failNext(/^\/v1\/payment_intents$/, { status: 500 });
    const pi = await createPi(1234);
    await stripe.paymentIntents.retrieve(pi.id);
    const [attempt, retry] = posts('/v1/payment_intents');
    expect(attempt.idempotencyKey).toMatch(
      /^stripe-node-retry-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(retry.idempotencyKey).toBe(attempt.idempotencyKey);
    expect(fake.requests.find((r) => r.method === 'GET')?.idempotencyKey).toBeUndefined();
    // The check the product's payments suite can run over its whole request log:
    expect(fake.requests.filter((r) => r.idempotencyKey?.startsWith('stripe-node-retry-'))).toHaveLength(2);
  });

  it('records transfer_group, source_transaction and metadata on transfers; reversals cannot exceed the transfer', async () => {
    const producer = await readyAccount();
    const pi = await createPi(10_000, 'pi:order-42:1');
    const paid = fake.succeedPaymentIntent(pi.id);
    expect(paid).toMatchObject({
      status: 'succeeded',
      amount_received: 10_000,
      latest_charge: expect.stringMatching(/^ch_/),
    });
    const transfer = await stripe.transfers.create(
      {
        amount: 8_000,
        currency: 'eur',
        destination: producer.id,
        transfer_group: 'order:order-42',
        source_transaction: paid.latest_charge,
        metadata: { producerId: 'p1' },
      },
      { idempotencyKey: 'transfer:order-42:p1' },
    );
    expect(transfer).toMatchObject({
      object: 'transfer',
      amount: 8_000,
      destination: producer.id,
      source_transaction: paid.latest_charge,
      reversed: false,
    });
    expect(posts('/v1/transfers')[0].params).toEqual({
      amount: '8000',
      currency: 'eur',
      destination: producer.id,
      transfer_group: 'order:order-42',
      source_transaction: paid.latest_charge,
      metadata: { producerId: 'p1' },
    });

    const reversal = await stripe.transfers.createReversal(
      transfer.id,
      { amount: 3_000, metadata: { refundId: 'r1' } },
      { idempotencyKey: 'reversal:r1:p1' },
    );
    expect(reversal).toMatchObject({
      object: 'transfer_reversal',
      amount: 3_000,
      transfer: transfer.id,
      metadata: { refundId: 'r1' },
    });
    expect(reversal.id).toMatch(/^trr_/);
    await expect(stripe.transfers.createReversal(transfer.id, { amount: 5_001 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'amount_too_large',
    });
    expect(fake.get(transfer.id)).toMatchObject({ amount_reversed: 3_000, reversed: false });
    expect(fake.createdCount('transfer_reversal')).toBe(1);
  });

  it('refuses a transfer to an account whose transfers capability is inactive (PAY-20)', async () => {
    const account = await stripe.accounts.create({
      type: 'express',
      country: 'FR',
      capabilities: { transfers: { requested: true } },
    });
    await expect(
      stripe.transfers.create({ amount: 100, currency: 'eur', destination: account.id }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'insufficient_capabilities_for_transfer' });
    expect(fake.createdCount('transfer')).toBe(0);
  });

  it('refunds up to the charge amount and refuses more', async () => {
    const pi = await createPi(10_000, 'pi:order-9:1');
    await expect(stripe.refunds.create({ payment_intent: pi.id })).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
    });
    const { latest_charge: chargeId } = fake.succeedPaymentIntent(pi.id);
    const refund = await stripe.refunds.create(
      { payment_intent: pi.id, amount: 6_000, metadata: { refundId: 'r1' } },
      { idempotencyKey: 'refund:r1' },
    );
    expect(refund).toMatchObject({
      object: 'refund',
      status: 'succeeded',
      amount: 6_000,
      charge: chargeId,
      payment_intent: pi.id,
    });
    expect(refund.id).toMatch(/^re_/);
    await expect(
      stripe.refunds.create({ charge: chargeId, amount: 4_001 }, { idempotencyKey: 'refund:r2' }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'amount_too_large', statusCode: 400 });
    await stripe.refunds.create({ charge: chargeId, amount: 4_000 }, { idempotencyKey: 'refund:r2' }); // a refused request stored nothing under its key
    await expect(stripe.refunds.create({ payment_intent: pi.id, amount: 1 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'charge_already_refunded',
    });
    expect(fake.get(chargeId)).toMatchObject({ amount_refunded: 10_000, refunded: true });
    expect(fake.createdCount('refund')).toBe(2);
  });

  it('creates an Express account (not ready), reads it back, updates it and creates an onboarding link', async () => {
    const account = await stripe.accounts.create(
      {
        type: 'express',
        country: 'FR',
        email: 'ferme@example.fr',
        capabilities: { transfers: { requested: true } },
        metadata: { producerId: 'p1' },
      },
      { idempotencyKey: 'acct:p1' },
    );
    expect(account).toMatchObject({
      object: 'account',
      type: 'express',
      country: 'FR',
      email: 'ferme@example.fr',
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { transfers: 'inactive' },
      metadata: { producerId: 'p1' },
    });
    expect(posts('/v1/accounts')[0].params.capabilities).toEqual({ transfers: { requested: 'true' } });

    const updated = fake.setAccount(account.id, {
      charges_enabled: true,
      payouts_enabled: true,
      capabilities: { transfers: 'active' },
    });
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
      charges_enabled: true,
      capabilities: updated.capabilities,
    });

    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'https://ancrage.test/r',
      return_url: 'https://ancrage.test/ok',
      type: 'account_onboarding',
    });
    expect(link.object).toBe('account_link');
    expect(link.url).toMatch(/^https:\/\/connect\.stripe\.com\/setup\/e\//);
    expect(link.expires_at).toBeGreaterThan(link.created);
    expect(fake.createdCount('account_link')).toBe(1);
  });

  it('answers unknown routes and ids with 404 invalid_request_error, with request-id and JSON content type', async () => {
    const response = await fetch(`${fake.url}/v1/nothing_here`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.stringContaining('/v1/nothing_here') },
    });
    await expect(stripe.customers.create({ email: 'a@b.c' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
  });

  it('records the Stripe-Account header and cancels a PaymentIntent', async () => {
    const pi = await createPi(700, 'pi:order-3:1');
    const canceled = await stripe.paymentIntents.cancel(pi.id, {}, { stripeAccount: 'acct_connected' });
    expect(canceled).toMatchObject({ status: 'canceled', canceled_at: expect.any(Number) });
    expect(posts(`/v1/payment_intents/${pi.id}/cancel`)[0].stripeAccount).toBe('acct_connected');
    await expect(stripe.paymentIntents.cancel(pi.id)).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
    });
  });

  it('builds events that the real library verifies with constructEvent', async () => {
    const pi = await createPi(1234, 'pi:order-42:1');
    const event = stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(pi.id));
    expect(event).toMatchObject({
      object: 'event',
      type: 'payment_intent.succeeded',
      livemode: false,
      api_version: Stripe.API_VERSION,
    });
    expect(event.id).toMatch(/^evt_/);
    expect(stripeEvent('payment_intent.succeeded', pi).id).not.toBe(event.id);

    const payload = JSON.stringify(event);
    const header = signedWebhook(payload, 'whsec_test');
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const verified = stripe.webhooks.constructEvent(payload, header, 'whsec_test');
    expect(verified.type).toBe('payment_intent.succeeded');
    expect((verified.data.object as Stripe.PaymentIntent).id).toBe(pi.id);
    expect(() => stripe.webhooks.constructEvent(payload, header, 'whsec_other')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() =>
      stripe.webhooks.constructEvent(payload, signedWebhook(payload, 'whsec_test', unixNow() - 301), 'whsec_test'),
    ).toThrow(/tolerance/);
  });

  it('reset() forgets requests, objects, keys and faults', async () => {
    await createPi(100, 'pi:x:1');
    fake.failNext(/./, 'reset');
    fake.reset();
    expect([
      fake.requests.length,
      fake.createdCount('payment_intent'),
      fake.all('payment_intent').length,
      fake.pendingFaults(),
    ]).toEqual([0, 0, 0, 0]);
    expect((await createPi(200, 'pi:x:1')).amount).toBe(200); // the key is free again
  });
});
