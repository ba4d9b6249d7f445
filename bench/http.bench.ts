import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { median, type BenchFigure } from './bench-figures';

// autocannon ships no types; what is used of it is this.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;
export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  start: Date;
  finish: Date;
}

const ROOT = resolve(__dirname, '..');
export const NEAR_SEARCH = `{ products(filter: { near: { latitude: 46.158, longitude: 1.87, radiusKm: 50 } }, sort: DISTANCE, first: 20) {
  totalCount edges { node { id name priceCents distanceKm producer { id name } labels { id } } } } }`;

/** The production API (`dist/`) on the benchmark database, in a process of its own. */
export async function startProductionApi(
  databaseUrl: string,
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/apps/api/apps/api/src/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: '20',
      REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'bench_api',
      JWT_SECRET: 'a-benchmark-secret-of-more-than-32-characters',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      DAILY_JOBS: 'off',
      ...extraEnv,
    },
    stdio: 'ignore',
  });
  for (let waited = 0; waited < 30_000; waited += 100) {
    if ((await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.ok) return child;
    await new Promise((done) => setTimeout(done, 100));
  }
  child.kill();
  throw new Error('the production API did not start');
}

async function load(url: string, body: string, seconds: number) {
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (result.non2xx || result.errors)
    throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  return result;
}

/** The floor: a bare Node HTTP handler answering the very same JSON, measured the same way. */
export function bareServer(answer: string): Promise<Server> {
  return new Promise((done) => {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(answer));
    }).listen(0, '127.0.0.1', () => done(server));
  });
}

/**
 * PRODUCT.md §6: `products(near 50 km, sort DISTANCE, first 20)` with producer and labels, 50 connections: ≥ 1,000
 * requests/s and p99 ≤ 50 ms, next to the bare handler answering the same bytes. Median of `runs` runs of 10 s.
 */
export async function nearSearchBenchmark(apiUrl: string, runs = 3, seconds = 10): Promise<BenchFigure[]> {
  const body = JSON.stringify({ query: NEAR_SEARCH });
  const answer = await (
    await fetch(`${apiUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  ).text();
  if (!answer.includes('"distanceKm"')) throw new Error(`unexpected answer: ${answer.slice(0, 200)}`);
  const bare = await bareServer(answer);
  const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/graphql`;
  const api: { rps: number; p99: number }[] = [];
  const floor: { rps: number; p99: number }[] = [];
  try {
    await load(`${apiUrl}/graphql`, body, 3); // warm-up
    for (let run = 0; run < runs; run++) {
      const measured = await load(`${apiUrl}/graphql`, body, seconds);
      api.push({ rps: measured.requests.average, p99: measured.latency.p99 });
      const bareMeasured = await load(bareUrl, body, seconds);
      floor.push({ rps: bareMeasured.requests.average, p99: bareMeasured.latency.p99 });
    }
  } finally {
    bare.close();
  }
  return [
    {
      scenario: 'Near-search 50 km, DISTANCE, first 20, producer and labels (50 connections)',
      unit: 'req/s',
      figure: median(api.map((m) => m.rps)),
      floor: median(floor.map((m) => m.rps)),
      target: 1000,
      higherIsBetter: true,
      runs,
    },
    {
      scenario: 'Near-search 50 km, p99 latency (50 connections)',
      unit: 'ms',
      figure: median(api.map((m) => m.p99)),
      floor: median(floor.map((m) => m.p99)),
      target: 50,
      higherIsBetter: false,
      runs,
    },
  ];
}

/** The product page: what a product page shows, from the product through its producer to the brands of its labels. */
export const PRODUCT_PAGE = `query ProductPage($id: ID!) { product(id: $id) {
  id name description category priceCents vatRate b2bPriceTiers { minQuantity unitPriceCents } stock available unit unitMassKg minOrderQuantity certifications
  producer { id name address { line1 postalCode city inseeCode departmentCode latitude longitude }
    deliveryOptions { id mode label feeCents minOrderCents maxDistanceKm vehicleId } }
  labels { id status brand { id name slug } } } }`;

/** A GraphQL answer with data and no `errors`: anything else is counted, never hidden behind an HTTP 200. */
export function graphqlOk(body: unknown): boolean {
  const text = String(body);
  return text.startsWith('{"data":{') && !text.includes('"errors":');
}

/** Rotating requests: the body of the n-th request (shared counter across connections) and its headers. */
export function rotatingRequests(bodyOf: (n: number) => string, headersOf?: (n: number) => Record<string, string>) {
  let counter = 0;
  return [
    {
      method: 'POST',
      setupRequest: (request: Record<string, unknown>) => {
        const n = counter++;
        return {
          ...request,
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', ...headersOf?.(n) },
          body: bodyOf(n),
        };
      },
    },
  ];
}

/**
 * One autocannon run of `seconds` at 50 connections with rotating requests; answers that are not a GraphQL success
 * (checked by `verifyBody`) come back as `mismatches`, non-2xx and socket errors as such.
 */
export function loadRotating(
  url: string,
  requests: unknown[],
  seconds: number,
  verifyBody: (body: string) => boolean = graphqlOk,
): Promise<AutocannonResult> {
  return autocannon({ url, connections: 50, duration: seconds, requests, verifyBody });
}

const failures = (result: AutocannonResult) => result.non2xx + result.errors + result.timeouts + result.mismatches;

/**
 * The product page: `product(id)` with producer (address, delivery options) and labels with their brands, for
 * 1,000 labelled products in rotation, 50 connections. No §6 target: the near-search's (≥ 1,000 req/s, p99 ≤ 50 ms)
 * is used, as a page read should be no slower than a search. Floor: a bare handler answering one such JSON.
 */
export async function productPageBenchmark(
  apiUrl: string,
  productIds: string[],
  runs = 3,
  seconds = 10,
): Promise<BenchFigure[]> {
  const bodyOf = (n: number) =>
    JSON.stringify({ query: PRODUCT_PAGE, variables: { id: productIds[n % productIds.length] } });
  const answer = await (
    await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodyOf(0),
    })
  ).text();
  if (!graphqlOk(answer) || !answer.includes('"brand":{'))
    throw new Error(`unexpected answer: ${answer.slice(0, 300)}`);
  const bare = await bareServer(answer);
  const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}`;
  const api: { rps: number; p99: number }[] = [];
  const floor: { rps: number; p99: number }[] = [];
  try {
    await loadRotating(apiUrl, rotatingRequests(bodyOf), 3); // warm-up
    for (let run = 0; run < runs; run++) {
      const measured = await loadRotating(apiUrl, rotatingRequests(bodyOf), seconds);
      if (failures(measured))
        throw new Error(
          `product page: ${measured.non2xx} non-2xx, ${measured.errors} errors, ${measured.timeouts} timeouts, ${measured.mismatches} answers with GraphQL errors`,
        );
      api.push({ rps: measured.requests.average, p99: measured.latency.p99 });
      const bareMeasured = await loadRotating(bareUrl, rotatingRequests(bodyOf), seconds);
      floor.push({ rps: bareMeasured.requests.average, p99: bareMeasured.latency.p99 });
      process.stderr.write(
        `product page run ${run + 1}: ${measured.requests.average} req/s (${measured.requests.total} answers, all with data), p99 ${measured.latency.p99} ms; floor ${bareMeasured.requests.average} req/s\n`,
      );
    }
  } finally {
    bare.close();
  }
  return [
    {
      scenario:
        'Product page: product(id) with tiers, producer address and delivery options, labels and brands, 1,000 ids (50 connections; near-search target)',
      unit: 'req/s',
      figure: median(api.map((m) => m.rps)),
      floor: median(floor.map((m) => m.rps)),
      target: 1000,
      higherIsBetter: true,
      runs,
    },
    {
      scenario: 'Product page, p99 latency (50 connections; near-search target)',
      unit: 'ms',
      figure: median(api.map((m) => m.p99)),
      floor: median(floor.map((m) => m.p99)),
      target: 50,
      higherIsBetter: false,
      runs,
    },
  ];
}
