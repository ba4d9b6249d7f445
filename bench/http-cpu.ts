import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { activeProducts, vacuumCatalog } from './catalog-dataset';
import { benchDatabase } from './export.bench';
import { floorServer } from './http-floor';
import {
  listingRead,
  loadRotating,
  nearSearchRead,
  productionApiEnv,
  productPageRead,
  rotatingRequests,
  startProductionApi,
} from './http.bench';
import { productPageIds } from './order-dataset';
import { processCpuMs } from './bench-figures';

/**
 * CPU per request of the catalog reads (bench/RESULTS.md "Round 2"): utime + stime of the API process and of its
 * PostgreSQL backends (`/proc/<pid>/stat`, backends found in `pg_stat_activity` by their application name) over an
 * autocannon load at 50 connections, divided by the requests answered; the one-SQL floor the same way, in a process
 * of its own. Unlike req/s it does not depend on how many other processes share the cores.
 *
 *   node -r ./scripts/register-ts.cjs bench/http-cpu.ts [near] [product] [listing] [apiVersion]
 *
 * BENCH_DATABASE (default ancrage_bench, seeded by `npm run bench -- near`), BENCH_CPU_SECONDS (8), BENCH_CPU_RUNS
 * (1), BENCH_CPU_FLOOR=off to measure the API alone, BENCH_API_FROM_SOURCE=1 to run the API from the TypeScript
 * sources (SWC, as `npm start`) instead of `dist/` — for measuring a change without rebuilding the shared `dist/`.
 * BENCH_CPU_CEILING=1: also the GraphQL ceiling (bench/graphql-ceiling.ts: the API's schema and resolvers executed by
 * graphql-jit behind a bare handler, its answers first checked equal to the API's), in a process of its own.
 * BENCH_CPU_PROFILE=1: the API's CPU profile from its first measured load to its last (start-up and the first warm-up
 * left out; name one read for a profile of that read alone), as bench/order-cpu.ts: bench/cpu-profile.cjs writes it to
 * BENCH_CPU_PROFILE_FILE (default /tmp/api.cpuprofile), `node bench/cpu-profile-summary.cjs <file>` summarizes it.
 */

const ROOT = resolve(__dirname, '..');

async function backends(databaseUrl: string, applicationName: string): Promise<number[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select pid from pg_stat_activity where application_name = $1', [
      applicationName,
    ]);
    return rows.map((row) => row.pid as number);
  } finally {
    await client.end();
  }
}

interface CpuFigure {
  requests: number;
  nodeMs: number;
  postgresMs: number;
  load: number;
}

/** One load of `seconds` on `url`, the CPU of `pid` and of the backends named `applicationName` over it. */
async function measure(
  url: string,
  pid: number,
  databaseUrl: string,
  applicationName: string,
  bodyOf: (n: number) => string,
  seconds: number,
  beforeLoad: () => void = () => undefined,
): Promise<CpuFigure> {
  await loadRotating(url, rotatingRequests(bodyOf), 2); // warm-up: the pool's connections open, the plans are made
  beforeLoad();
  const before = new Map((await backends(databaseUrl, applicationName)).map((p) => [p, processCpuMs(p)]));
  const nodeBefore = processCpuMs(pid);
  const result = await loadRotating(url, rotatingRequests(bodyOf), seconds, () => true);
  const nodeMs = processCpuMs(pid) - nodeBefore;
  const after = await backends(databaseUrl, applicationName);
  let postgresMs = 0;
  for (const backend of new Set([...before.keys(), ...after]))
    postgresMs += processCpuMs(backend) - (before.get(backend) ?? 0);
  // A failed answer under a loaded machine is said, not fatal: the CPU is divided by the answers given.
  if (result.non2xx || result.errors)
    process.stderr.write(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors (left out of the count)\n`);
  const requests = result.requests.total - result.non2xx - result.errors;
  return { requests, nodeMs: nodeMs / requests, postgresMs: postgresMs / requests, load: loadavg()[0] };
}

/** A server in a process of its own (its Node CPU apart from autocannon's), which prints `<marker> <url>` once ready. */
async function startChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  marker: string,
): Promise<{ child: ChildProcess; url: string; close: () => void }> {
  const child = spawn(process.execPath, ['-r', './scripts/register-ts.cjs', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = new RegExp(`${marker} (\\S+)\n`).exec(out);
      if (match) done(match[1]);
    });
    child.on('exit', () => fail(new Error(`${marker}: the server did not start`)));
  });
  return { child, url, close: () => child.kill() };
}

/** The one-SQL floor (bench/http-floor.ts). */
const startFloor = (databaseUrl: string, read: string) =>
  startChild(
    ['bench/http-cpu.ts', '--floor', read],
    { ...process.env, PGAPPNAME: 'ancrage_cpu_floor', BENCH_FLOOR_DATABASE_URL: databaseUrl },
    'FLOOR',
  );

/** The GraphQL ceiling (bench/graphql-ceiling.ts): the API's schema and resolvers behind a bare handler. */
const startCeiling = (databaseUrl: string, profiled: boolean) =>
  startChild(
    [...(profiled ? ['-r', './bench/cpu-profile.cjs'] : []), 'bench/graphql-ceiling.ts'],
    productionApiEnv(databaseUrl, 3949, {
      API_PROCESSES: '1',
      PGAPPNAME: 'ancrage_cpu_ceiling',
      WEB_MODE: 'off',
      BENCH_CPU_PROFILE_FILE: process.env.BENCH_CEILING_PROFILE_FILE ?? '/tmp/ceiling.cpuprofile',
      BENCH_CEILING_MODE: process.env.BENCH_CEILING_MODE ?? 'jit',
    }),
    'CEILING',
  );

/**
 * `apiVersion`: GraphQL's smallest query (no SQL, one field), through the same process, express, Nest and Apollo as
 * the catalog reads: what the stack costs a request before any reading. It has no floor.
 */
const SMALLEST_QUERY = { bodyOf: () => JSON.stringify({ query: '{ apiVersion }' }), floor: undefined };

/** One load on a server started by `startChild`, which is stopped after it. */
async function measureChild(
  server: Awaited<ReturnType<typeof startChild>>,
  databaseUrl: string,
  applicationName: string,
  bodyOf: (n: number) => string,
  seconds: number,
  before: () => Promise<void> = async () => undefined,
  after: () => Promise<void> = async () => undefined,
): Promise<CpuFigure> {
  try {
    await before();
    const figure = await measure(
      `${server.url}/graphql`,
      server.child.pid!,
      databaseUrl,
      applicationName,
      bodyOf,
      seconds,
    );
    await after();
    return figure;
  } finally {
    server.close();
  }
}

/** The ceiling answers as the API does (the first requests of the load, compared as text; Apollo ends with a newline). */
async function sameAnswers(apiUrl: string, otherUrl: string, bodyOf: (n: number) => string): Promise<void> {
  for (let n = 0; n < 5; n++) {
    const ask = (url: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(n) }).then((r) =>
        r.text(),
      );
    const [expected, got] = (await Promise.all([ask(apiUrl), ask(otherUrl)])).map((text) => text.trimEnd());
    if (expected !== got)
      throw new Error(`the ceiling answers ${got.slice(0, 300)}, the API ${expected.slice(0, 300)}`);
  }
}

async function readOf(name: string, databaseUrl: string) {
  if (name === 'apiVersion') return SMALLEST_QUERY;
  if (name === 'near') return nearSearchRead();
  if (name === 'product') return productPageRead(await productPageIds(databaseUrl));
  if (name === 'listing') return listingRead(await activeProducts(databaseUrl));
  throw new Error(`unknown read ${name}`);
}

async function floorMain(read: string): Promise<void> {
  const databaseUrl = process.env.BENCH_FLOOR_DATABASE_URL!;
  const { floor } = await readOf(read, databaseUrl);
  if (!floor) throw new Error(`${read} has no floor`);
  const server = await floorServer(databaseUrl, floor.name, floor.sql, floor.valuesOf);
  process.stdout.write(`FLOOR ${server.url}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : ['near', 'product', 'listing'];
  const seconds = Number(process.env.BENCH_CPU_SECONDS ?? 8);
  const runs = Number(process.env.BENCH_CPU_RUNS ?? 1);
  const databaseUrl = await benchDatabase();
  // As bench/run.ts: the table as autovacuum keeps it, not as an order bench left it (catalog-dataset.ts).
  await vacuumCatalog(databaseUrl);
  const port = Number(process.env.BENCH_CPU_PORT ?? 3950);
  const profiling = process.env.BENCH_CPU_PROFILE === '1';
  if (profiling) process.env.BENCH_API_NODE_OPTIONS = '-r ./bench/cpu-profile.cjs';
  let profileStarted = false;
  const api = await startProductionApi(databaseUrl, port, {
    ...(process.env.BENCH_CPU_PROFILE_FILE ? { BENCH_CPU_PROFILE_FILE: process.env.BENCH_CPU_PROFILE_FILE } : {}),
    API_PROCESSES: '1',
    PGAPPNAME: 'ancrage_cpu_api',
  });
  const apiUrl = `http://127.0.0.1:${port}/graphql`;
  const rows: string[] = [];
  try {
    for (const name of names) {
      const read = await readOf(name, databaseUrl);
      const measured: CpuFigure[] = [];
      for (let run = 0; run < runs; run++) {
        const a = await measure(apiUrl, api.pid!, databaseUrl, 'ancrage_cpu_api', read.bodyOf, seconds, () => {
          // The first SIGWINCH starts the profiler (bench/cpu-profile.cjs), the one after the last load stops it.
          if (profiling && !profileStarted) api.kill('SIGWINCH');
          profileStarted = true;
        });
        measured.push(a);
        let floorText = '';
        if (process.env.BENCH_CPU_FLOOR !== 'off' && read.floor) {
          const floor = await startFloor(databaseUrl, name);
          const f = await measureChild(floor, databaseUrl, 'ancrage_cpu_floor', read.bodyOf, seconds);
          floorText = ` | floor Node ${f.nodeMs.toFixed(3)} ms + PostgreSQL ${f.postgresMs.toFixed(3)} ms (${f.requests} req, load ${f.load.toFixed(1)})`;
        }
        if (process.env.BENCH_CPU_CEILING === '1') {
          const profiled = process.env.BENCH_CEILING_PROFILE === '1';
          const ceiling = await startCeiling(databaseUrl, profiled);
          const c = await measureChild(
            ceiling,
            databaseUrl,
            'ancrage_cpu_ceiling',
            read.bodyOf,
            seconds,
            async () => {
              await sameAnswers(apiUrl, `${ceiling.url}/graphql`, read.bodyOf);
              if (profiled) ceiling.child.kill('SIGWINCH');
            },
            async () => {
              if (!profiled) return;
              ceiling.child.kill('SIGWINCH');
              await new Promise((done) => setTimeout(done, 2000));
            },
          );
          floorText += ` | GraphQL ceiling Node ${c.nodeMs.toFixed(3)} ms + PostgreSQL ${c.postgresMs.toFixed(3)} ms (${c.requests} req, load ${c.load.toFixed(1)})`;
        }
        const line = `${name}: API Node ${a.nodeMs.toFixed(3)} ms + PostgreSQL ${a.postgresMs.toFixed(3)} ms = ${(a.nodeMs + a.postgresMs).toFixed(3)} ms/request (${a.requests} req, load ${a.load.toFixed(1)})${floorText}`;
        process.stderr.write(`${line}\n`);
        rows.push(line);
      }
      if (runs > 1) {
        const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];
        const node = median(measured.map((m) => m.nodeMs));
        const postgres = median(measured.map((m) => m.postgresMs));
        rows.push(
          `${name}: median of ${runs}: API Node ${node.toFixed(3)} ms + PostgreSQL ${postgres.toFixed(3)} ms (loads ${measured.map((m) => m.load.toFixed(1)).join(', ')})`,
        );
      }
    }
    if (profiling) {
      api.kill('SIGWINCH');
      await new Promise((done) => setTimeout(done, 2000));
    }
  } finally {
    api.kill();
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

if (process.argv[2] === '--floor') void floorMain(process.argv[3]);
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
