import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Stripe from 'stripe';
import { cardPayments } from './support/card-order-fixtures';
import {
  type FakeStripe,
  type FormParams,
  type RecordedRequest,
  startFakeStripe,
  stripeEvent,
} from './support/fake-stripe';
import { graphql } from './support/graphql-client';
import { type Market, createMarket } from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';

const WEBHOOK_SECRET = 'whsec_ancrage_contract';
/** The committed contract. Rewritten only with STRIPE_CONTRACT_UPDATE=1, and the diff reviewed like code. */
const SNAPSHOT = join(__dirname, 'fixtures', 'stripe-contract.json');

/** Ids Stripe or the database chose for this run (`acct_…`, uuids): kept as their kind, so a diff is a real change. */
function normalise(value: string): string {
  return value
    .replace(/\b(acct|pi|ch|tr|trr|re|py|src)_[A-Za-z0-9]+/g, '$1_<id>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?/g, '<app>')
    .replace(/\b\d{6}-[A-Z0-9]{6}\b/g, '<order-number>');
}
function normaliseParams(params: FormParams | string | (string | FormParams)[]): unknown {
  if (typeof params === 'string') return normalise(params);
  if (Array.isArray(params)) return params.map(normaliseParams);
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, normaliseParams(value)]));
}

interface ContractEntry {
  call: string;
  stripeVersion?: string;
  idempotencyKey?: string;
  stripeAccount?: string;
  params: unknown;
}
const entryOf = (record: RecordedRequest): ContractEntry => ({
  call: normalise(`${record.method} ${record.path}`),
  stripeVersion: record.headers['stripe-version'] as string | undefined,
  ...(record.idempotencyKey ? { idempotencyKey: normalise(record.idempotencyKey) } : {}),
  ...(record.stripeAccount ? { stripeAccount: normalise(record.stripeAccount) } : {}),
  params: normaliseParams(record.params),
});

/**
 * RELIABILITY.md PAY-19, contract drift: the `stripe` package is pinned to one version and the client to its API
 * version, and what each adapter method sends Stripe — method, path, idempotency key, form-encoded parameters — is
 * compared to a committed snapshot (test/fixtures/stripe-contract.json). Any change of a parameter, a key or the API
 * version fails here; an upgrade or a new parameter is a reviewed update of the snapshot (STRIPE_CONTRACT_UPDATE=1).
 * The calls are made by the real services, driven through the API against the local fake Stripe: onboarding
 * (accounts, account links), a card payment (accounts read, payment intent), the transfers of the paid order, the
 * cancellation of one part (refund, transfer reversal), and the cancellation of an unpaid card order (payment intent
 * cancel and read).
 */
describe('PAY-19: what the Stripe adapter sends is the committed contract', () => {
  let fake: FakeStripe;
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;

  const {
    deliver,
    onboard,
    startedCardOrder: cardOrder,
  } = cardPayments(() => ({ stack, fake, market }), WEBHOOK_SECRET);

  beforeAll(async () => {
    fake = await startFakeStripe();
    stack = await startProductionStack('stripe-contract', {
      STRIPE_SECRET_KEY: 'sk_test_ancrage',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_ancrage',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
      PLATFORM_COMMISSION_RATE: '0.05',
    });
    market = await createMarket(stack.api);
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('pins the stripe package exactly and the client to its API version', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies.stripe).toMatch(/^\d+\.\d+\.\d+$/);
    // The library in node_modules is the pinned one (its own version string, sent to Stripe in the user agent).
    expect(Stripe.PACKAGE_VERSION).toBe(manifest.dependencies.stripe);
    expect(Stripe.API_VERSION).toBe((JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as { apiVersion: string }).apiVersion);
  });

  it('sends each adapter call with the method, path, idempotency key and form parameters of the snapshot', async () => {
    fake.requests.length = 0;
    const steps: { step: string; calls: ContractEntry[] }[] = [];
    const step = async (name: string, run: () => Promise<unknown>) => {
      const from = fake.requests.length;
      await run();
      // Jobs of one step may call Stripe in any order: sorted, so that only a change of what is sent is a diff.
      const calls = fake.requests.slice(from).map(entryOf);
      calls.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      steps.push({ step: name, calls });
    };

    await step('producer onboarding (a Connect account, then an onboarding link)', () =>
      onboard(market.farmer, market.farm),
    );
    await onboard(market.orchardist, market.orchard);
    let paid!: Awaited<ReturnType<typeof cardOrder>>;
    await step('card payment of a two-producer order (accounts read, payment intent)', async () => {
      paid = await cardOrder();
    });
    await step('payment succeeded: one transfer per producer', async () => {
      const event = stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(paid.paymentIntentId));
      expect((await deliver(event)).status).toBe(200);
      await stack.drainOutbox();
    });
    await step("one paid part cancelled: refund, then the producer's transfer reversed", async () => {
      const orchardPart = paid.order.supplierOrders.find(
        (part: { producer: { id: string } }) => part.producer.id === market.orchard,
      )!;
      const cancelled = await graphql(
        stack.api,
        'mutation ($id: ID!) { cancelSupplierOrder(id: $id) { status } }',
        { id: orchardPart.id },
        market.consumer.accessToken,
      );
      expect(cancelled.errors).toBeUndefined();
      await stack.drainOutbox();
    });
    let unpaid!: Awaited<ReturnType<typeof cardOrder>>;
    await step('another card payment started', async () => {
      unpaid = await cardOrder();
    });
    await step('the unpaid card order cancelled: its payment intent cancelled', async () => {
      const cancelled = await graphql(
        stack.api,
        'mutation ($id: ID!) { cancelOrder(id: $id) { status } }',
        { id: unpaid.order.id },
        market.consumer.accessToken,
      );
      expect(cancelled.errors).toBeUndefined();
      await stack.drainOutbox();
    });

    const contract = { stripePackage: Stripe.PACKAGE_VERSION, apiVersion: Stripe.API_VERSION, steps };
    if (process.env.STRIPE_CONTRACT_UPDATE === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(contract, null, 2)}\n`);
    expect(contract).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
  }, 180_000);
});
