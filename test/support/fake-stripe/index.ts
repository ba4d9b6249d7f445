export {
  decodeForm,
  type Fault,
  type FakeStripe,
  type FormParams,
  type RecordedRequest,
  type ResourceKind,
  startFakeStripe,
} from './fake-stripe';
export { fixture, STRIPE_FIXTURES_PATH, type StripeObject, stripeId, unixNow } from './fixtures';
export { signEvent, signedWebhook, stripeDispute, stripeEvent } from './webhook-events';
export { type FakeStripeJs, startFakeStripeJs } from './fake-stripe-js';
