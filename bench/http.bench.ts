import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { median, type BenchFigure } from './bench-figures';

// autocannon ships no types; what is used of it is this.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<{ requests: { average: number }; latency: { p99: number }; non2xx: number; errors: number }>;

const ROOT = resolve(__dirname, '..');
export const NEAR_SEARCH = `{ products(filter: { near: { latitude: 46.158, longitude: 1.87, radiusKm: 50 } }, sort: DISTANCE, first: 20) {
  totalCount edges { node { id name priceCents distanceKm producer { id name } labels { id } } } } }`;

/** The production API (`dist/`) on the benchmark database, in a process of its own. */
export async function startProductionApi(databaseUrl: string, port: number): Promise<ChildProcess> {
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
  const result = await autocannon({ url, connections: 50, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  return result;
}

/** The floor: a bare Node HTTP handler answering the very same JSON, measured the same way. */
function bareServer(answer: string): Promise<Server> {
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
  const answer = await (await fetch(`${apiUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
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
    { scenario: 'Near-search 50 km, DISTANCE, first 20, producer and labels (50 connections)', unit: 'req/s', figure: median(api.map((m) => m.rps)), floor: median(floor.map((m) => m.rps)), target: 1000, higherIsBetter: true, runs },
    { scenario: 'Near-search 50 km, p99 latency (50 connections)', unit: 'ms', figure: median(api.map((m) => m.p99)), floor: median(floor.map((m) => m.p99)), target: 50, higherIsBetter: false, runs },
  ];
}
