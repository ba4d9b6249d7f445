import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { boundingBox } from '@app/catalog';
import { median, type BenchFigure } from './bench-figures';
import {
  assertSameAnswers,
  floorServer,
  LISTING_SQL,
  NEAR_SEARCH_SQL,
  POOL_CONNECTIONS,
  PRODUCT_PAGE_SQL,
} from './http-floor';

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

/** The environment the benchmarks' production API runs with. */
export function productionApiEnv(
  databaseUrl: string,
  port: number,
  extraEnv: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: String(POOL_CONNECTIONS),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: 'bench_api',
    JWT_SECRET: 'a-benchmark-secret-of-more-than-32-characters',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    DAILY_JOBS: 'off',
    // BENCH_GRAPHQL_ROUTE=apollo measures the API without its lean GraphQL route (express and Apollo alone).
    GRAPHQL_ROUTE: process.env.BENCH_GRAPHQL_ROUTE ?? 'lean',
    ...extraEnv,
  };
}

/** The production API (`dist/`) on the benchmark database, in a process of its own. */
export async function startProductionApi(
  databaseUrl: string,
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<ChildProcess> {
  // BENCH_API_FROM_SOURCE: the TypeScript sources through SWC (as `npm start`), to measure a change without
  // rebuilding the shared `dist/` (bench/http-cpu.ts).
  const entry = process.env.BENCH_API_FROM_SOURCE
    ? ['-r', './scripts/register-ts.cjs', 'apps/api/src/main.ts']
    : ['dist/apps/api/apps/api/src/main.js'];
  // Empty or unset: no option (an empty argument would be taken for the script's name).
  const nodeOptions = process.env.BENCH_API_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeOptions, ...entry], {
    cwd: ROOT,
    env: productionApiEnv(databaseUrl, port, extraEnv),
    stdio: 'ignore',
  });
  for (let waited = 0; waited < 120_000; waited += 100) {
    if ((await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.ok) return child;
    await new Promise((done) => setTimeout(done, 100));
  }
  child.kill();
  throw new Error('the production API did not start');
}

/**
 * Stops an API started by `startProductionApi` and waits for it to exit: the next one on the same port must not find
 * the old one still answering its readiness check, then gone.
 */
export async function stopProductionApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill();
  await exited;
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

/** Guéret, 50 km: the near-search's place and its bounding box (what the API's position index reads). */
const NEAR = { latitude: 46.158, longitude: 1.87, radiusKm: 50 };

/** `products(first: 20)`: the catalog's first page (newest first, no text to rank by), producer and labels. */
export const LISTING = `{ products(first: 20) { totalCount edges { node { id name priceCents producer { id name } labels { id } } } } }`;

interface CatalogRead {
  /** The table's name of the read. */
  scenario: string;
  /** The floor's prepared statement, its name and the values of a request. */
  floor: { name: string; sql: string; valuesOf: (body: { variables?: Record<string, unknown> }) => unknown[] };
  /** The body of the n-th request. */
  bodyOf: (n: number) => string;
  /** Bodies whose answers the floor must give exactly as the API, checked before any load. */
  checked: string[];
}

const loadAverage = () => loadavg()[0];
/** Data and no errors (PostgreSQL's JSON writes `{"data" : …`, the API `{"data":…`). */
const answered = (body: string) => body.startsWith('{"data"') && !body.includes('"errors"');

/**
 * One catalog read against the API (one process, or `processes` of them on the same port) and its one-SQL floor,
 * 50 connections, median of `runs` runs of `seconds`, the one-minute load average of the machine beside each figure.
 * Targets (PRODUCT.md §6, issue #24): ≥ `target` req/s, p99 ≤ 50 ms where given.
 */
export async function catalogReadBenchmark(
  apiUrl: string,
  databaseUrl: string,
  read: CatalogRead,
  target: { rps: number; p99?: number },
  runs = 3,
  seconds = 10,
  processes = 1,
): Promise<BenchFigure[]> {
  const floor = await floorServer(databaseUrl, read.floor.name, read.floor.sql, read.floor.valuesOf);
  const api: { rps: number; p99: number; load: number; timeouts: number }[] = [];
  const bare: { rps: number; p99: number; load: number; timeouts: number }[] = [];
  try {
    await assertSameAnswers(apiUrl, floor.url, read.checked);
    const measure = async (url: string) => {
      const result = await loadRotating(url, rotatingRequests(read.bodyOf), seconds, answered);
      // A wrong answer stops the bench; a request past autocannon's 10 s (a loaded machine) is counted and said.
      if (result.non2xx || result.mismatches || result.errors > result.timeouts)
        throw new Error(
          `${read.scenario}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ${result.mismatches} answers with GraphQL errors`,
        );
      return { rps: result.requests.average, p99: result.latency.p99, load: loadAverage(), timeouts: result.timeouts };
    };
    await loadRotating(apiUrl, rotatingRequests(read.bodyOf), 3); // warm-up
    await loadRotating(floor.url, rotatingRequests(read.bodyOf), 3);
    for (let run = 0; run < runs; run++) {
      api.push(await measure(apiUrl));
      bare.push(await measure(floor.url));
      process.stderr.write(
        `${read.scenario} run ${run + 1}: API ${api[run].rps} req/s p99 ${api[run].p99} ms, ${api[run].timeouts} timeouts (load ${api[run].load.toFixed(1)}); floor ${bare[run].rps} req/s p99 ${bare[run].p99} ms, ${bare[run].timeouts} timeouts (load ${bare[run].load.toFixed(1)})\n`,
      );
    }
  } finally {
    await floor.close();
  }
  const load = `load average ${median(api.map((m) => m.load)).toFixed(1)} / ${median(bare.map((m) => m.load)).toFixed(1)}`;
  const where = processes === 1 ? 'one API process' : `${processes} API processes`;
  return [
    {
      scenario: `${read.scenario} (50 connections, ${where}, ${load})`,
      unit: 'req/s',
      figure: median(api.map((m) => m.rps)),
      floor: median(bare.map((m) => m.rps)),
      target: target.rps,
      higherIsBetter: true,
      runs,
    },
    {
      scenario: `${read.scenario}, p99 latency (${where})`,
      unit: 'ms',
      figure: median(api.map((m) => m.p99)),
      floor: median(bare.map((m) => m.p99)),
      target: target.p99 ?? Number.NaN,
      higherIsBetter: false,
      runs,
    },
  ];
}

/** PRODUCT.md §6's near-search: Guéret, 50 km, by distance, first 20, producer and labels. ≥ 1,000 req/s, p99 ≤ 50 ms. */
export function nearSearchRead(): CatalogRead {
  const body = JSON.stringify({ query: NEAR_SEARCH });
  const box = boundingBox(NEAR.latitude, NEAR.longitude, NEAR.radiusKm);
  return {
    scenario: 'Near-search 50 km, DISTANCE, first 20, producer and labels',
    floor: {
      name: 'near-search',
      sql: NEAR_SEARCH_SQL,
      valuesOf: () => [NEAR.latitude, NEAR.longitude, box.south, box.north, box.west, box.east, NEAR.radiusKm],
    },
    bodyOf: () => body,
    checked: [body],
  };
}

/** The product page over `productIds` in rotation; the near-search's target (reading one product is no slower). */
export function productPageRead(productIds: string[]): CatalogRead {
  const bodyOf = (n: number) =>
    JSON.stringify({ query: PRODUCT_PAGE, variables: { id: productIds[n % productIds.length] } });
  return {
    scenario: `Product page: product(id) with tiers, producer address and delivery options, labels and brands, ${productIds.length.toLocaleString('en-US')} ids`,
    floor: { name: 'product-page', sql: PRODUCT_PAGE_SQL, valuesOf: (body) => [body.variables?.id] },
    bodyOf,
    checked: [0, 1, 2, 3, 4].map(bodyOf),
  };
}

/** The catalog's first page, `products(first: 20)` over every active product (≥ 500 req/s at 100,000). */
export function listingRead(products: number): CatalogRead {
  const body = JSON.stringify({ query: LISTING });
  return {
    scenario: `products(first: 20), newest first, producer and labels, ${products.toLocaleString('en-US')} products`,
    floor: { name: 'listing', sql: LISTING_SQL, valuesOf: () => [] },
    bodyOf: () => body,
    checked: [body],
  };
}
