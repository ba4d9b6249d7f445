import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { loadavg } from 'node:os';
import { Pool } from 'pg';
import Stripe from 'stripe';
import type { BenchFigure } from './bench-figures';
import { autocannon, type AutocannonResult } from './http.bench';
import { POOL_CONNECTIONS } from './http-floor';

/** The secrets the API under test runs with (bench/run.ts), and the bare floor verifies with. */
export const BENCH_STRIPE_SECRET_KEY = 'sk_test_ancrage_bench';
export const BENCH_STRIPE_WEBHOOK_SECRET = 'whsec_ancrage_bench_signing_secret';

/** The rate and length of PAY-09 (RELIABILITY.md §3.1): 50 distinct signed events a second for 60 s, 3,000 events. */
const RATE = 50;
/**
 * autocannon splits `overallRate` between its connections and each starts its second on the same tick: at 50
 * connections (1 event/s each) all 50 events of a second leave at once, a burst every second; at 10 (5 each, one after
 * the other) at most 10 are in flight. 10 by default, closer to a steady 50/s; BENCH_WEBHOOK_CONNECTIONS=50 gives the
 * burst.
 */
const CONNECTIONS = Number(process.env.BENCH_WEBHOOK_CONNECTIONS ?? 10);
const ACKNOWLEDGED = '{"received":true}';

const stripe = new Stripe(BENCH_STRIPE_SECRET_KEY);

interface WebhookRun {
  sent: number;
  acknowledged: number;
  persisted: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
  /** Seconds from the first event sent to the last answer (above `seconds` when answers held the connections back). */
  elapsed: number;
  load: number;
}

/**
 * The n-th event of a run: a `payment_intent.succeeded` in test mode (the API's key is a test key), with an
 * `orderId` in its metadata, so the API takes its whole path — signature, event id recorded in `stripe_event` in a
 * transaction, the payment looked up under its lock. The bench database holds no card payment: the lookup finds none
 * and the event changes nothing else (one `stripe.webhook.unknown_intent` warning), as an event for another server's
 * order would. No Stripe call, no e-mail on this path.
 */
function eventPayload(run: string, n: number): string {
  const intent = `pi_bench_${run}_${n}`;
  return JSON.stringify({
    id: `evt_bench_${run}_${n}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'payment_intent.succeeded',
    data: {
      object: {
        id: intent,
        object: 'payment_intent',
        amount: 4200,
        currency: 'eur',
        status: 'succeeded',
        livemode: false,
        latest_charge: `ch_bench_${run}_${n}`,
        metadata: { orderId: randomUUID() },
      },
    },
  });
}

/**
 * Distinct events, each signed when its request is built (autocannon's `setupRequest`); the id of the event a
 * connection has in flight is kept on its context, so `onResponse` knows which events a 200 acknowledged.
 */
function signedEvents(run: string, acknowledged: Set<string>, sent: { count: number }) {
  let counter = 0;
  return [
    {
      method: 'POST',
      setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
        const n = counter++;
        sent.count = counter;
        const payload = eventPayload(run, n);
        context.eventId = `evt_bench_${run}_${n}`;
        return {
          ...request,
          method: 'POST',
          path: '/webhooks/stripe',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': stripe.webhooks.generateTestHeaderString({
              payload,
              secret: BENCH_STRIPE_WEBHOOK_SECRET,
            }),
          },
          body: payload,
        };
      },
      onResponse: (status: number, body: string, context: Record<string, unknown>) => {
        if (status >= 200 && status < 300 && body === ACKNOWLEDGED) acknowledged.add(String(context.eventId));
      },
    },
  ];
}

/**
 * The floor: a bare node:http handler that verifies the signature with the same library and secret, then inserts the
 * event row with one `pg` statement (the pool as large as the API's, `POOL_CONNECTIONS`), and acknowledges.
 */
async function bareWebhookServer(databaseUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_CONNECTIONS });
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          Buffer.concat(chunks),
          String(request.headers['stripe-signature']),
          BENCH_STRIPE_WEBHOOK_SECRET,
        );
      } catch {
        response.writeHead(400).end();
        return;
      }
      pool
        .query('insert into stripe_event (id, type, received_at) values ($1, $2, now()) on conflict (id) do nothing', [
          event.id,
          event.type,
        ])
        .then(
          () => response.writeHead(200, { 'content-type': 'application/json' }).end(ACKNOWLEDGED),
          () => response.writeHead(500).end(),
        );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: async () => {
      await new Promise((done) => server.close(done));
      await pool.end();
    },
  };
}

/** A Stripe API that counts what reaches it (and refuses it): the API under test points its client here. */
export async function countingStripe(): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = createServer((request, response) => {
    calls++;
    request.resume();
    response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"bench: no call"}}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    calls: () => calls,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** `seconds` at 50 events/s on CONNECTIONS connections, each event distinct and signed; then its rows are counted. */
async function measure(url: string, databaseUrl: string, run: string, seconds: number): Promise<WebhookRun> {
  const acknowledged = new Set<string>();
  // Counted here: autocannon's own `requests.sent` adds the per-connection rate, not 1, for each first request.
  const sent = { count: 0 };
  const result = (await autocannon({
    url,
    connections: CONNECTIONS,
    overallRate: RATE,
    amount: RATE * seconds,
    timeout: 10,
    requests: signedEvents(run, acknowledged, sent),
  })) as AutocannonResult & { latency: { p50: number } };
  const load = loadavg()[0];
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const [{ persisted }] = (
      await pool.query('select count(*)::int as persisted from stripe_event where id = any($1)', [[...acknowledged]])
    ).rows;
    return {
      sent: sent.count,
      acknowledged: acknowledged.size,
      persisted,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      p50: result.latency.p50,
      p99: result.latency.p99,
      elapsed: (result.finish.getTime() - result.start.getTime()) / 1000,
      load,
    };
  } finally {
    await pool.end();
  }
}

const describe = (m: WebhookRun) =>
  `p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.sent} sent in ${m.elapsed.toFixed(1)} s, ${m.acknowledged} acknowledged, ${m.persisted} persisted, ${m.non2xx} non-2xx, ${m.errors} errors (${m.timeouts} timeouts), load ${m.load.toFixed(1)}`;

/**
 * PAY-09, webhook acknowledgement (RELIABILITY.md §3.1, a nightly item): 50 distinct signed events a second for
 * `seconds` (60 by the row: 3,000 events) against `POST /webhooks/stripe` of the production API, then the same against
 * the bare floor. Target: p99 < 300 ms, 0 non-2xx, every event sent acknowledged and persisted. The API's Stripe
 * client points at `stripeCalls`' counting server: the run fails if anything reached it. One run each (the row's).
 */
export async function webhookBenchmark(
  apiUrl: string,
  databaseUrl: string,
  stripeCalls: () => number,
  seconds = 60,
): Promise<{ figures: BenchFigure[]; api: WebhookRun; floor: WebhookRun; stripeCalls: number }> {
  const run = `${Date.now().toString(36)}`;
  const before = stripeCalls();
  // Warm-up: 2 s at the same rate, its events in no figure (but any Stripe call they caused is counted).
  await measure(apiUrl, databaseUrl, `${run}w`, 2);
  const api = await measure(apiUrl, databaseUrl, `${run}a`, seconds);
  const calls = stripeCalls() - before;
  process.stderr.write(`webhooks, API: ${describe(api)}; ${calls} calls to Stripe\n`);
  const bare = await bareWebhookServer(databaseUrl);
  let floor: WebhookRun;
  try {
    await measure(bare.url, databaseUrl, `${run}w`, 2);
    floor = await measure(bare.url, databaseUrl, `${run}f`, seconds);
  } finally {
    await bare.close();
  }
  process.stderr.write(`webhooks, bare floor: ${describe(floor)}\n`);
  if (calls) throw new Error(`webhooks: the handler called Stripe ${calls} times`);
  const sent = `${api.sent} events in ${api.elapsed.toFixed(1)} s, ${CONNECTIONS} connections`;
  const load = `load average ${api.load.toFixed(1)} / ${floor.load.toFixed(1)}`;
  const persistedShare = (m: WebhookRun) => (m.sent ? (100 * Math.min(m.persisted, m.acknowledged)) / m.sent : 0);
  return {
    api,
    floor,
    stripeCalls: calls,
    figures: [
      {
        scenario: `PAY-09 webhook acknowledgement, p99 latency at ${RATE} signed events/s (${sent}, ${load})`,
        unit: 'ms',
        figure: api.p99,
        floor: floor.p99,
        target: 300,
        higherIsBetter: false,
        runs: 1,
      },
      {
        scenario: `PAY-09, non-2xx answers and socket errors (${api.errors} errors)`,
        unit: 'answers',
        figure: api.non2xx + api.errors,
        floor: Number.NaN,
        target: 0,
        higherIsBetter: false,
        runs: 1,
      },
      {
        scenario: `PAY-09, events sent that were acknowledged and persisted (${api.persisted} / ${api.sent})`,
        unit: '%',
        figure: persistedShare(api),
        floor: persistedShare(floor),
        target: 100,
        higherIsBetter: true,
        runs: 1,
      },
    ],
  };
}
