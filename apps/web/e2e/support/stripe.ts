import type { APIRequestContext } from '@playwright/test';
import {
  signEvent,
  startFakeStripe,
  startFakeStripeJs,
  type FakeStripe,
  type FakeStripeJs,
  type StripeObject,
} from '../../../../test/support/fake-stripe';
import { expect, test } from './fixtures';

/** The fake Stripe of a spec file, as its journeys use it. */
export interface FileStripe {
  /** The fake Stripe API the file's server talks to (started with the file's server). */
  readonly api: FakeStripe;
  /** The fake Stripe.js the file's pages load (only when asked for with `stripeJs`). */
  readonly js: FakeStripeJs;
  /** The secret the file's server checks Stripe's webhooks with. */
  readonly webhookSecret: string;
  /** Stripe's signed webhook, delivered to the file's server as Stripe would; the server must accept it. */
  deliverWebhook(request: APIRequestContext, event: StripeObject): Promise<void>;
}

/**
 * Gives the spec file's server a fake Stripe (keys `sk_test_<name>`, `pk_test_<name>`, webhook secret
 * `whsec_<name>`), started with the server and closed after the file; `stripeJs` adds the fake Stripe.js for the
 * payment page; `env` is more of the server's environment. Call it once, at the top of the spec file.
 */
export function useFakeStripe(
  name: string,
  options: { stripeJs?: boolean; env?: () => Record<string, string> } = {},
): FileStripe {
  const webhookSecret = `whsec_${name}`;
  let api: FakeStripe | undefined;
  let js: FakeStripeJs | undefined;

  test.use({
    ancrageEnv: async ({}, use) => {
      api ??= await startFakeStripe();
      if (options.stripeJs) js ??= await startFakeStripeJs(api);
      await use({
        ...options.env?.(),
        STRIPE_SECRET_KEY: `sk_test_${name}`,
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        STRIPE_PUBLISHABLE_KEY: `pk_test_${name}`,
        STRIPE_API_URL: api.url,
        ...(js ? { STRIPE_JS_URL: js.scriptUrl } : {}),
      });
    },
  });

  test.afterAll(async () => {
    await js?.close();
    await api?.close();
    api = undefined;
    js = undefined;
  });

  return {
    get api() {
      if (!api) throw new Error('The fake Stripe starts with the file’s server: use it from a test.');
      return api;
    },
    get js() {
      if (!js) throw new Error('No fake Stripe.js: useFakeStripe(name, { stripeJs: true }).');
      return js;
    },
    webhookSecret,
    async deliverWebhook(request, event) {
      const { payload, signature } = signEvent(event, webhookSecret);
      const delivered = await request.post('/webhooks/stripe', {
        data: payload,
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      });
      expect(delivered.status()).toBe(200);
    },
  };
}
