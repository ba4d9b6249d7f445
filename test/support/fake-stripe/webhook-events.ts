import Stripe from 'stripe';
import { fixture, type StripeObject, stripeId, unixNow } from './fixtures';

/**
 * Builds a Stripe `event` around an API object (typically one returned by the fake: `fake.succeedPaymentIntent(id)`,
 * `fake.setAccount(id, …)`). The envelope comes from Stripe's fixture; `api_version` is the client library's pinned
 * version, since our webhook endpoint is pinned to it too (RELIABILITY.md §1.1). `overrides` is a shallow merge onto
 * the envelope: e.g. `{ account: 'acct_…' }` for Connect events, `{ livemode: true }`, `{ created }` to order events,
 * or `{ data: { object, previous_attributes } }`.
 */
export function stripeEvent(type: string, object: StripeObject, overrides: StripeObject = {}): StripeObject {
  return Object.assign(fixture('event'), {
    id: stripeId('evt'),
    type,
    created: unixNow(),
    livemode: false,
    api_version: Stripe.API_VERSION,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: structuredClone(object) },
    ...overrides,
  });
}

/**
 * The `Stripe-Signature` header for a raw payload, produced by the real library (`t=<unix>,v1=<hmac>`). Sign the
 * exact string you send: verification is over the raw bytes. `timestamp` is in Unix *seconds* (defaults to now);
 * use `unixNow() - 301` to test the tolerance window.
 */
export function signedWebhook(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/** Convenience: serialise an event once and sign that exact string. */
export function signEvent(
  event: StripeObject,
  secret: string,
  timestamp?: number,
): { payload: string; signature: string } {
  const payload = JSON.stringify(event);
  return { payload, signature: signedWebhook(payload, secret, timestamp) };
}

/**
 * A Stripe `dispute` on a charge (Stripe's fixture, its id, charge, amount and status replaced), for the
 * `charge.dispute.*` events: e.g. `stripeEvent('charge.dispute.created', stripeDispute(chargeId, 1234))`, then the
 * same object with `{ status: 'won' }` or `{ status: 'lost' }` for `charge.dispute.closed`.
 */
export function stripeDispute(chargeId: string, amountCents: number, overrides: StripeObject = {}): StripeObject {
  return Object.assign(fixture('dispute'), {
    id: stripeId('dp'),
    charge: chargeId,
    amount: amountCents,
    currency: 'eur',
    created: unixNow(),
    reason: 'fraudulent',
    status: 'needs_response',
    ...overrides,
  });
}
