import Stripe from 'stripe';
import { AppError, ErrorCode, PermanentJobError } from '@app/platform';

type StripeApiError = InstanceType<typeof Stripe.errors.StripeError>;

const isStripeError = (error: unknown): error is StripeApiError => error instanceof Stripe.errors.StripeError;

/**
 * A refusal that asking again cannot change (RELIABILITY.md JOB-05): a card error (402) and the other 4xx — but 409
 * (a request with the same key in flight) and 429 (slow down), which the client retries and a later job may too.
 * Network errors and 5xx are not refusals: they are retried (by the client, then by the job).
 */
export function isStripeRefusal(error: unknown): error is StripeApiError {
  if (!isStripeError(error)) return false;
  if (error.type === 'StripeCardError') return true;
  const status = error.statusCode ?? 0;
  return status >= 400 && status < 500 && status !== 409 && status !== 429;
}

/** What Stripe said, for the client and the logs: its error code and, for a card, the decline code. */
export const refusalDetails = (error: StripeApiError) => ({
  stripeCode: error.code ?? null,
  declineCode: error.decline_code ?? null,
  stripeRequestId: error.requestId ?? null,
});

/**
 * A Stripe refusal during a request reaches the client as `PAYMENT_FAILED` with Stripe's codes (never a masked
 * 500); anything else is rethrown as it is.
 */
export async function refusalsAsPaymentFailed<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isStripeRefusal(error)) throw error;
    const details = refusalDetails(error);
    throw new AppError(
      ErrorCode.PAYMENT_FAILED,
      `Stripe refused the payment${details.declineCode ? ` (${details.declineCode})` : details.stripeCode ? ` (${details.stripeCode})` : ''}.`,
      details,
    );
  }
}

/**
 * A Stripe refusal inside a job fails it for good after this one attempt (BullMQ's `UnrecoverableError` through
 * `PermanentJobError`), recorded on the outbox row with Stripe's codes; other errors are retried with back-off.
 */
export async function refusalsArePermanent<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isStripeRefusal(error)) throw error;
    const { stripeCode, declineCode, stripeRequestId } = refusalDetails(error);
    throw new PermanentJobError(
      `Stripe refused (HTTP ${error.statusCode ?? '?'}, ${stripeCode ?? error.type}${declineCode ? `, decline ${declineCode}` : ''}, request ${stripeRequestId ?? '?'}): ${error.message}`,
    );
  }
}

/** On a job handler's `handle`: Stripe refusals fail the job for good after one attempt (see refusalsArePermanent). */
export function StripeRefusalsArePermanent(): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const handle = descriptor.value as (...args: unknown[]) => Promise<unknown>;
    descriptor.value = function (this: unknown, ...args: unknown[]) {
      return refusalsArePermanent(() => handle.apply(this, args));
    };
    return descriptor;
  };
}
