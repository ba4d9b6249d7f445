import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { fixture, type StripeObject, stripeId, unixNow } from './fixtures';

/**
 * A local fake of the Stripe API (RELIABILITY.md §2, layer L2) for the *real* `stripe` client, pointed at it with
 * `new Stripe(key, { host: '127.0.0.1', port, protocol: 'http' })`. It proves what goes on the wire (parameters,
 * idempotency keys, `Stripe-Account`) and how the adapter copes with retries and faults. It does not prove Stripe's
 * business rules: it enforces only the few that the payment tests lean on (refund/reversal ceilings, account
 * capabilities for transfers) and builds every body from Stripe's own fixtures.
 */

export type ResourceKind =
  'payment_intent' | 'charge' | 'refund' | 'transfer' | 'transfer_reversal' | 'account' | 'account_link';

/** Form values arrive as strings (`amount: '1234'`, `capabilities.transfers.requested: 'true'`): kept as sent. */
export type FormParams = { [key: string]: string | FormParams | (string | FormParams)[] };

export interface RecordedRequest {
  method: string;
  path: string;
  query: FormParams;
  params: FormParams;
  headers: IncomingHttpHeaders;
  idempotencyKey?: string;
  stripeAccount?: string;
  /** Filled in when the answer is sent; absent if the socket was reset. */
  status?: number;
  replayed: boolean;
  fault?: string;
}

/**
 * One scripted misbehaviour. A status fault or `'reset'` happens *before* the request reaches the API, so nothing is
 * created and nothing is stored under the idempotency key: the retry executes for real. `'reset-after'` is the nasty
 * one: the object is created and the result stored, then the connection drops, so only a retry with the same key
 * avoids a duplicate. `delayMs` holds the request before processing (use it to exceed the client's `timeout`).
 */
export type Fault =
  | { status: 500 | 400 | 402 | 409 | 429; body?: unknown; headers?: Record<string, string> }
  | { delayMs: number }
  | 'reset'
  | 'reset-after';

export interface FakeStripe {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Milliseconds every API call spends "in flight" (default 0): widens the window for 409 `idempotency_key_in_use`. */
  latencyMs: number;
  failNext(pathPattern: RegExp, fault: Fault): void;
  pendingFaults(): number;
  createdCount(kind: ResourceKind): number;
  get(id: string): StripeObject | undefined;
  all(kind: ResourceKind): StripeObject[];
  succeedPaymentIntent(id: string): StripeObject;
  setAccount(id: string, patch: StripeObject): StripeObject;
  seedAccount(overrides?: StripeObject): StripeObject;
  reset(): void;
  close(): Promise<void>;
}

/** Thrown by a route to answer with a Stripe error body (`{ error: { type, code, message, param } }`). */
class ApiError {
  constructor(
    readonly status: number,
    readonly error: StripeObject,
  ) {}
}
const invalid = (message: string, code?: string, param?: string) =>
  new ApiError(400, { type: 'invalid_request_error', code, param, message });
const missing = (kind: string, id: string, param = 'id') =>
  new ApiError(param === 'id' ? 404 : 400, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${kind}: '${id}'`,
  });

const DEFAULT_FAULT_BODIES: Record<number, StripeObject> = {
  500: { type: 'api_error', message: 'Fake Stripe: injected internal error' },
  402: {
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
  },
  409: { type: 'idempotency_error', code: 'idempotency_key_in_use', message: 'Fake Stripe: injected conflict' },
  429: { type: 'invalid_request_error', code: 'rate_limit', message: 'Fake Stripe: injected rate limit' },
};

const COLLECTIONS: Record<string, ResourceKind> = {
  payment_intents: 'payment_intent',
  charges: 'charge',
  refunds: 'refund',
  transfers: 'transfer',
  accounts: 'account',
};
const PREFIX: Record<ResourceKind, string> = {
  payment_intent: 'pi',
  charge: 'ch',
  refund: 're',
  transfer: 'tr',
  transfer_reversal: 'trr',
  account: 'acct',
  account_link: 'acctlink',
};

/** Decodes Stripe's bracket notation (`metadata[orderId]=42`, `payment_method_types[0]=card`) into nested objects. */
export function decodeForm(body: string): FormParams {
  const root: FormParams = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const [head, ...rest] = rawKey.split('[');
    const keys = [head, ...rest.map((part) => part.replace(/]$/, ''))];
    if (keys.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype')) continue;
    let node: FormParams = root;
    keys.forEach((key, i) => {
      const k = key === '' ? String(Object.keys(node).length) : key; // `a[]=x` appends
      if (i === keys.length - 1) node[k] = value;
      else if (typeof node[k] !== 'string') node = (node[k] ??= {}) as FormParams;
    });
  }
  return arrayify(root) as FormParams;
}
/** Objects whose keys are exactly 0..n-1 were arrays on the client side (`arr[0]`, `arr[1]`). */
function arrayify(value: FormParams[string]): FormParams[string] {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  for (const k of keys) value[k] = arrayify(value[k]);
  return keys.length > 0 && keys.every((k, i) => k === String(i))
    ? keys.map((k) => value[k] as string | FormParams)
    : value;
}

/** Key-order-independent JSON, so "same parameters" means the same values however the client ordered them. */
const canonical = (value: unknown): string =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((value as StripeObject)[k])}`)
        .join(',')}}`
    : Array.isArray(value)
      ? `[${value.map(canonical).join(',')}]`
      : JSON.stringify(value);

const isPlain = (v: unknown): v is StripeObject => !!v && typeof v === 'object' && !Array.isArray(v);
function deepMerge(target: StripeObject, patch: StripeObject): StripeObject {
  for (const [k, v] of Object.entries(patch))
    target[k] = isPlain(v) && isPlain(target[k]) ? deepMerge(target[k], v) : v;
  return target;
}

/** Amounts are integers in the smallest currency unit; Stripe wants them positive, except fees (`min = 0`). */
function int(params: FormParams, name: string, required = true, min = 1): number | undefined {
  const raw = params[name];
  if (raw === undefined) {
    if (required) throw invalid(`Missing required param: ${name}.`, 'parameter_missing', name);
    return undefined;
  }
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < min)
    throw invalid(`Invalid integer: ${String(raw)}`, 'parameter_invalid_integer', name);
  return Number(raw);
}
const str = (params: FormParams, name: string): string | null =>
  typeof params[name] === 'string' && params[name] !== '' ? (params[name] as string) : null;
const obj = (params: FormParams, name: string): StripeObject =>
  isPlain(params[name]) ? { ...(params[name] as StripeObject) } : {};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface IdempotencyEntry {
  fingerprint: string;
  inFlight: boolean;
  status?: number;
  body?: string;
  requestId?: string;
}

export async function startFakeStripe(options: { latencyMs?: number } = {}): Promise<FakeStripe> {
  let store = new Map<ResourceKind, Map<string, StripeObject>>();
  let created = new Map<ResourceKind, number>();
  let idempotency = new Map<string, IdempotencyEntry>();
  let faults: { pattern: RegExp; fault: Fault }[] = [];

  const table = (kind: ResourceKind) => store.get(kind) ?? store.set(kind, new Map()).get(kind)!;
  const find = (kind: ResourceKind, id: unknown) => (typeof id === 'string' ? table(kind).get(id) : undefined);
  /** Stores a new object; `viaApi` distinguishes what the product created from what a test seeded. */
  const put = (kind: ResourceKind, object: StripeObject, viaApi = true) => {
    table(kind).set(object.id, object);
    if (viaApi) created.set(kind, (created.get(kind) ?? 0) + 1);
    return object;
  };
  const newAccount = (params: FormParams): StripeObject => {
    const id = stripeId('acct', 16);
    const requested = Object.keys(obj(params, 'capabilities'));
    return Object.assign(fixture('account'), {
      id,
      created: unixNow(),
      type: str(params, 'type') ?? 'express',
      country: str(params, 'country') ?? 'FR',
      default_currency: (str(params, 'country') ?? 'FR') === 'US' ? 'usd' : 'eur',
      email: str(params, 'email'),
      metadata: obj(params, 'metadata'),
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      // A freshly created Express account has every requested capability inactive until onboarding is done.
      capabilities: Object.fromEntries(requested.map((name) => [name, 'inactive'])),
      external_accounts: { object: 'list', data: [], has_more: false, url: `/v1/accounts/${id}/external_accounts` },
    });
  };

  type Route = [method: string, pattern: RegExp, handler: (params: FormParams, ...ids: string[]) => StripeObject];
  const routes: Route[] = [
    [
      'POST',
      /^\/v1\/payment_intents$/,
      (p) => {
        const amount = int(p, 'amount')!;
        const currency = str(p, 'currency');
        if (!currency) throw invalid('Missing required param: currency.', 'parameter_missing', 'currency');
        const id = stripeId('pi');
        const apm = obj(p, 'automatic_payment_methods');
        // The fixture carries demo values (a last_payment_error, a next_action…) that a fresh intent never has.
        return put(
          'payment_intent',
          Object.assign(fixture('payment_intent'), {
            id,
            amount,
            currency,
            created: unixNow(),
            client_secret: `${id}_secret_${stripeId('x', 25).slice(2)}`,
            status: 'requires_payment_method',
            latest_charge: null,
            amount_received: 0,
            canceled_at: null,
            last_payment_error: null,
            next_action: null,
            processing: null,
            payment_method: null,
            metadata: obj(p, 'metadata'),
            transfer_group: str(p, 'transfer_group'),
            description: str(p, 'description'),
            customer: str(p, 'customer'),
            on_behalf_of: str(p, 'on_behalf_of'),
            receipt_email: str(p, 'receipt_email'),
            application_fee_amount: int(p, 'application_fee_amount', false, 0) ?? null,
            transfer_data: isPlain(p.transfer_data)
              ? { destination: (p.transfer_data as StripeObject).destination }
              : null,
            automatic_payment_methods: 'enabled' in apm ? { ...apm, enabled: apm.enabled === 'true' } : null,
            payment_method_types: Array.isArray(p.payment_method_types) ? p.payment_method_types : ['card'],
            capture_method: str(p, 'capture_method') ?? 'automatic',
          }),
        );
      },
    ],
    [
      'POST',
      /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
      (p, id) => {
        const pi = find('payment_intent', id);
        if (!pi) throw missing('payment_intent', id);
        if (pi.status === 'succeeded' || pi.status === 'canceled') {
          throw invalid(
            `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`,
            'payment_intent_unexpected_state',
          );
        }
        return Object.assign(pi, {
          status: 'canceled',
          canceled_at: unixNow(),
          cancellation_reason: str(p, 'cancellation_reason'),
        });
      },
    ],
    [
      'POST',
      /^\/v1\/refunds$/,
      (p) => {
        const pi = str(p, 'payment_intent') ? find('payment_intent', p.payment_intent) : undefined;
        if (str(p, 'payment_intent') && !pi)
          throw missing('payment_intent', String(p.payment_intent), 'payment_intent');
        const chargeId = str(p, 'charge') ?? pi?.latest_charge;
        const charge = find('charge', chargeId);
        if (!charge) {
          if (pi)
            throw invalid(
              `PaymentIntent ${pi.id} does not have a successful charge to refund.`,
              'payment_intent_unexpected_state',
            );
          throw chargeId
            ? missing('charge', chargeId, 'charge')
            : invalid('One of `charge` or `payment_intent` is required.', 'parameter_missing');
        }
        const remaining = charge.amount - charge.amount_refunded;
        const amount = int(p, 'amount', false) ?? remaining;
        // Stripe answers `charge_already_refunded` once nothing is left and `amount_too_large` for a partial excess.
        if (remaining === 0)
          throw invalid(`Charge ${charge.id} has already been refunded.`, 'charge_already_refunded', 'charge');
        if (amount > remaining) {
          throw invalid(
            `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
            'amount_too_large',
            'amount',
          );
        }
        charge.amount_refunded += amount;
        charge.refunded = charge.amount_refunded === charge.amount;
        return put(
          'refund',
          Object.assign(fixture('refund'), {
            id: stripeId('re'),
            amount,
            charge: charge.id,
            payment_intent: charge.payment_intent,
            currency: charge.currency,
            created: unixNow(),
            metadata: obj(p, 'metadata'),
            reason: str(p, 'reason'),
            status: 'succeeded',
          }),
        );
      },
    ],
    [
      'POST',
      /^\/v1\/transfers$/,
      (p) => {
        const amount = int(p, 'amount')!;
        const currency = str(p, 'currency');
        if (!currency) throw invalid('Missing required param: currency.', 'parameter_missing', 'currency');
        const destination = str(p, 'destination');
        const account = find('account', destination);
        if (!account)
          throw destination
            ? missing('destination', destination, 'destination')
            : invalid('Missing required param: destination.', 'parameter_missing', 'destination');
        if (account.capabilities?.transfers !== 'active') {
          throw invalid(
            'Your destination account needs to have the transfers capability enabled.',
            'insufficient_capabilities_for_transfer',
            'destination',
          );
        }
        const source = str(p, 'source_transaction');
        if (source && !find('charge', source)) throw missing('charge', source, 'source_transaction');
        const id = stripeId('tr');
        return put(
          'transfer',
          Object.assign(fixture('transfer'), {
            id,
            amount,
            currency,
            destination,
            created: unixNow(),
            amount_reversed: 0,
            reversed: false,
            destination_payment: stripeId('py'),
            source_transaction: source,
            transfer_group: str(p, 'transfer_group'),
            description: str(p, 'description'),
            metadata: obj(p, 'metadata'),
            reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
          }),
        );
      },
    ],
    [
      'POST',
      /^\/v1\/transfers\/([^/]+)\/reversals$/,
      (p, id) => {
        const transfer = find('transfer', id);
        if (!transfer) throw missing('transfer', id);
        const remaining = transfer.amount - transfer.amount_reversed;
        const amount = int(p, 'amount', false) ?? remaining;
        if (amount > remaining) {
          throw invalid(
            `Reversal amount (${amount}) is greater than the transfer's unreversed amount (${remaining})`,
            'amount_too_large',
            'amount',
          );
        }
        const reversal = put(
          'transfer_reversal',
          Object.assign(fixture('transfer_reversal'), {
            id: stripeId('trr'),
            amount,
            currency: transfer.currency,
            transfer: transfer.id,
            created: unixNow(),
            metadata: obj(p, 'metadata'),
          }),
        );
        transfer.amount_reversed += amount;
        transfer.reversed = transfer.amount_reversed === transfer.amount;
        transfer.reversals.data.push(reversal);
        return reversal;
      },
    ],
    ['POST', /^\/v1\/accounts$/, (p) => put('account', newAccount(p))],
    [
      'POST',
      /^\/v1\/account_links$/,
      (p) => {
        const account = str(p, 'account');
        if (!account || !find('account', account)) throw missing('account', String(account), 'account');
        const link = Object.assign(fixture('account_link'), {
          created: unixNow(),
          expires_at: unixNow() + 300,
          url: `https://connect.stripe.com/setup/e/${account}/${stripeId('x', 12).slice(2)}`,
        });
        // Links have no id; count them without storing them.
        created.set('account_link', (created.get('account_link') ?? 0) + 1);
        return link;
      },
    ],
    [
      'GET',
      /^\/v1\/([a-z_]+)\/([^/]+)$/,
      (_p, collection, id) => {
        const kind = Object.hasOwn(COLLECTIONS, collection) ? COLLECTIONS[collection] : undefined;
        if (!kind)
          throw new ApiError(404, {
            type: 'invalid_request_error',
            message: `Unrecognized request URL (GET: /v1/${collection}/${id}).`,
          });
        const object = find(kind, id);
        if (!object) throw missing(kind, id);
        return object;
      },
    ],
  ];

  /** Runs the route for a request; returns status and the serialised body (serialised now, so later changes do not leak into replays). */
  function dispatch(method: string, path: string, params: FormParams): { status: number; body: string } {
    try {
      for (const [m, pattern, handler] of routes) {
        const match = m === method ? pattern.exec(path) : null;
        if (match)
          return { status: 200, body: JSON.stringify(handler(params, ...match.slice(1).map(decodeURIComponent))) };
      }
      throw new ApiError(404, {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: ${path}).`,
      });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { status: e.status, body: JSON.stringify({ error: e.error }) };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: string) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const header = (name: string) =>
      typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined;
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: decodeForm(url.search.slice(1)),
      params: decodeForm(body),
      headers: req.headers,
      idempotencyKey: header('idempotency-key'),
      stripeAccount: header('stripe-account'),
      replayed: false,
    };
    fake.requests.push(record);
    const requestId = stripeId('req', 14);
    const send = (status: number, payload: string, extra: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': requestId,
        'stripe-version': header('stripe-version') ?? Stripe.API_VERSION,
        ...(record.idempotencyKey ? { 'idempotency-key': record.idempotencyKey } : {}),
        ...extra,
      });
      res.end(payload);
    };

    const queued = faults.findIndex(({ pattern }) => pattern.test(url.pathname));
    const fault = queued >= 0 ? faults.splice(queued, 1)[0].fault : undefined;
    if (fault)
      record.fault =
        typeof fault === 'string' ? fault : 'status' in fault ? String(fault.status) : `delay ${fault.delayMs}ms`;
    if (fault === 'reset') return void req.socket.destroy();
    if (typeof fault === 'object' && 'status' in fault) {
      return send(
        fault.status,
        JSON.stringify(fault.body ?? { error: DEFAULT_FAULT_BODIES[fault.status] }),
        fault.headers,
      );
    }

    // Idempotency applies to POSTs only (GET and DELETE are idempotent by definition) and is scoped per account.
    const scope =
      method === 'POST' && record.idempotencyKey ? `${record.stripeAccount ?? ''}|${record.idempotencyKey}` : undefined;
    const fingerprint = `${method} ${url.pathname} ${canonical(record.params)}`;
    const entry = scope ? idempotency.get(scope) : undefined;
    if (entry?.inFlight) {
      return send(
        409,
        JSON.stringify({
          error: {
            type: 'idempotency_error',
            code: 'idempotency_key_in_use',
            message:
              'There is currently another in-progress request using this idempotency key. Please try again later.',
          },
        }),
      );
    }
    if (entry && entry.fingerprint !== fingerprint) {
      return send(
        400,
        JSON.stringify({
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${record.idempotencyKey}' if you meant to execute a different request.`,
          },
        }),
      );
    }
    if (entry) {
      record.replayed = true;
      return send(entry.status!, entry.body!, { 'idempotent-replayed': 'true', 'original-request': entry.requestId! });
    }
    if (scope) idempotency.set(scope, { fingerprint, inFlight: true });
    // The slow part happens *after* the key is marked in flight, as at Stripe: a retry sent by a client that timed out
    // meanwhile gets 409 `idempotency_key_in_use` rather than executing a second time.
    const delay = fake.latencyMs + (typeof fault === 'object' ? fault.delayMs : 0);
    if (delay > 0) await sleep(delay);

    let result: { status: number; body: string };
    try {
      result = dispatch(method, url.pathname, record.params);
    } catch (e) {
      if (scope) idempotency.delete(scope);
      return send(
        500,
        JSON.stringify({ error: { type: 'api_error', message: `Fake Stripe bug: ${(e as Error).message}` } }),
      );
    }
    // Stripe saves the result once the endpoint ran, but not for requests that failed validation (400/404 here).
    if (scope && (result.status === 400 || result.status === 404)) idempotency.delete(scope);
    else if (scope) idempotency.set(scope, { fingerprint, inFlight: false, ...result, requestId });
    if (fault === 'reset-after') return void req.socket.destroy();
    send(result.status, result.body);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e) => {
        if (!res.headersSent && !req.socket.destroyed) res.writeHead(500).end(String(e));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeStripe = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    latencyMs: options.latencyMs ?? 0,
    failNext(pathPattern, fault) {
      // A /g regex keeps lastIndex between .test() calls, which would make matching flaky.
      faults.push({ pattern: new RegExp(pathPattern.source, pathPattern.flags.replace('g', '')), fault });
    },
    pendingFaults: () => faults.length,
    createdCount: (kind) => created.get(kind) ?? 0,
    get(id) {
      const kind = (Object.keys(PREFIX) as ResourceKind[]).find(
        (k) => id.startsWith(`${PREFIX[k]}_`) && table(k).has(id),
      );
      return kind ? structuredClone(table(kind).get(id)) : undefined;
    },
    all: (kind) => [...table(kind).values()].map((o) => structuredClone(o)),
    succeedPaymentIntent(id) {
      const pi = find('payment_intent', id);
      if (!pi) throw new Error(`Fake Stripe: no PaymentIntent ${id}`);
      if (pi.status === 'canceled') throw new Error(`Fake Stripe: PaymentIntent ${id} is canceled`);
      if (pi.status !== 'succeeded') {
        // Stripe creates the charge itself when the customer pays: it is not counted as created by the product.
        const charge = put(
          'charge',
          Object.assign(fixture('charge'), {
            id: stripeId('ch'),
            amount: pi.amount,
            amount_captured: pi.amount,
            amount_refunded: 0,
            captured: true,
            paid: true,
            refunded: false,
            status: 'succeeded',
            currency: pi.currency,
            payment_intent: pi.id,
            metadata: { ...pi.metadata },
            transfer_group: pi.transfer_group,
            balance_transaction: stripeId('txn'),
            created: unixNow(),
            description: pi.description,
          }),
          false,
        );
        charge.refunds = { object: 'list', data: [], has_more: false, url: `/v1/charges/${charge.id}/refunds` };
        Object.assign(pi, {
          status: 'succeeded',
          amount_received: pi.amount,
          latest_charge: charge.id,
          payment_method: stripeId('pm'),
        });
      }
      return structuredClone(pi);
    },
    setAccount(id, patch) {
      const account = find('account', id);
      if (!account) throw new Error(`Fake Stripe: no account ${id}`);
      return structuredClone(deepMerge(account, patch));
    },
    seedAccount: (overrides = {}) =>
      structuredClone(
        put('account', deepMerge(newAccount({ capabilities: { transfers: { requested: 'true' } } }), overrides), false),
      ),
    reset() {
      fake.requests.length = 0;
      store = new Map();
      created = new Map();
      idempotency = new Map();
      faults = [];
      fake.latencyMs = options.latencyMs ?? 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
  return fake;
}
