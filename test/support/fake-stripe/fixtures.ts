import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Stripe's example API objects (stripe/openapi `openapi/fixtures3.json`, MIT). The file lives in the shared workspace
 * and must never be copied into this repository (see shared/data/PROVENANCE.md), so it is read at runtime.
 * `STRIPE_FIXTURES_PATH` lets a CI image that mounts the shared folder elsewhere point at it.
 */
export const STRIPE_FIXTURES_PATH =
  process.env.STRIPE_FIXTURES_PATH ?? path.resolve(__dirname, '../../../../shared/data/stripe-fixtures3.json');

// Plain JSON objects: the fake and the events builder only ever read, clone and override them.
export type StripeObject = Record<string, any>;

let resources: Record<string, StripeObject> | undefined;

/** A fresh deep copy of the fixture for one resource (`payment_intent`, `charge`, `event`…), safe to mutate. */
export function fixture(resource: string): StripeObject {
  if (!resources) {
    if (!existsSync(STRIPE_FIXTURES_PATH)) {
      throw new Error(`Stripe fixtures not found at ${STRIPE_FIXTURES_PATH} (set STRIPE_FIXTURES_PATH)`);
    }
    resources = (JSON.parse(readFileSync(STRIPE_FIXTURES_PATH, 'utf8')) as { resources: Record<string, StripeObject> })
      .resources;
  }
  const object = resources[resource];
  if (!object) throw new Error(`No Stripe fixture for resource "${resource}"`);
  return structuredClone(object);
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An id shaped like Stripe's (`pi_3Pq…`): prefix + base62. Random rather than sequential so ids never collide across fakes. */
export function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${out}`;
}

/** Unix seconds, the unit of every Stripe timestamp. */
export const unixNow = (): number => Math.floor(Date.now() / 1000);
