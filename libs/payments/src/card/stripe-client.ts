import Stripe from 'stripe';
import type { AppConfig } from '@app/platform';

export type StripeClient = InstanceType<typeof Stripe>;

/** The injection token of the Stripe client; null when the server has no Stripe settings (cards refused). */
export const STRIPE_CLIENT = Symbol('STRIPE_CLIENT');

/**
 * The official client, pinned to the API version of the installed library (webhook payloads use the same). Retries
 * are the client's own (network errors, 409, 5xx; a 429 only when Stripe says to), always with the idempotency key we
 * give, built from our ids.
 */
export function createStripeClient(config: AppConfig): StripeClient | null {
  const settings = config.payments.stripe;
  if (!settings) return null;
  const api = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
  return new Stripe(settings.secretKey, {
    apiVersion: Stripe.API_VERSION,
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(api
      ? {
          host: api.hostname,
          port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
          protocol: api.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
}

/** Stripe answers and webhooks in the mode of the key: test keys never see live events. */
export const isLiveKey = (config: AppConfig): boolean =>
  config.payments.stripe?.secretKey.startsWith('sk_live_') ?? false;
