import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '@app/platform';
import { migrateDatabase } from '../apps/api/src/database-commands';
import { median, type BenchFigure } from './bench-figures';
import { BENCH_BUYER_ID, BENCH_PERIOD, periodHolding, seedExportDataset } from './export-dataset';
import { rsePageBenchmark } from './rse-page.bench';

const ROOT = resolve(__dirname, '..');
const SERVER_URL =
  process.env.BENCH_DATABASE_SERVER_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * The benchmark's own database on the test server, kept between runs (seeding is the slow part): `ancrage_bench`, or
 * BENCH_DATABASE's name (two checkouts benchmarking on one server each keep theirs at their own migrations).
 */
export async function benchDatabase(): Promise<string> {
  const name = process.env.BENCH_DATABASE ?? 'ancrage_bench';
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DATABASE: not a plain database name: ${name}`);
  const url = new URL(SERVER_URL);
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (!exists) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  await migrateDatabase(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url.toString() }));
  return url.toString();
}

/**
 * The floor: the same rows read the way the export reads them (a keyset page of 500 delivered supplier orders with
 * their footprints less the lines, their orders, then their lines with each one's share of the footprint), by bare
 * SQL, nothing converted or written.
 */
async function bareRead(databaseUrl: string, period: { from: string; to: string }): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  let after = { at: new Date(0), id: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const { rows: parts } = await client.query(
      `select s.id, s.order_id, s.producer_id, s.delivery, s.producer_location, s.delivery_location, s.carbon - 'lines' as carbon, s.round_id, s.delivered_at, s.created_at
       from supplier_order s
       where s.buyer_organization_id = $1 and s.status = 'DELIVERED' and s.delivered_at >= $2::date and s.delivered_at < $3::date + 1 and (s.delivered_at, s.id) > ($4, $5)
       order by s.delivered_at, s.id limit 500`,
      [BENCH_BUYER_ID, period.from, period.to, after.at, after.id],
    );
    if (parts.length === 0) break;
    const ids = parts.map((part) => part.id);
    await client.query(
      'select id, number, created_at, buyer_organization_id, delivery_insee_code from customer_order where id = any($1)',
      [parts.map((part) => part.order_id)],
    );
    await client.query(
      `select supplier_order_id, position, product_id, name, category, ciqual_code, unit, quantity_thousandths, mass_kg, total_cents, brand_ids,
         carbon_mass_share, carbon_tkm, carbon_emissions_kg_co2e, carbon_baseline_kg_co2e, carbon_saved_kg_co2e, carbon_baseline_scenario_id
       from order_line where supplier_order_id = any($1) order by supplier_order_id, position`,
      [ids],
    );
    after = { at: parts.at(-1).delivered_at, id: parts.at(-1).id };
  }
  await client.end();
  return Date.now() - started;
}

/** The production worker's command line (`npm run start:worker:prod`): the export is measured in exactly that process. */
function productionWorkerCommand(): string[] {
  const script: string = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).scripts['start:worker:prod'];
  return script.split(' ').slice(1);
}

/** A process's resident memory now and its peak (VmRSS, VmHWM), in MB, read from /proc. */
function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** A process's CPU time so far (user + system, `utime` + `stime` of /proc/<pid>/stat), in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (which may hold spaces), from the third: utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ExportRun {
  ms: number;
  /** The worker's CPU time for the export: on a shared machine, what the wall time cannot tell. */
  cpuMs: number;
  peakRssMb: number;
  idleRssMb: number;
  rowCount: number;
}

/**
 * One RSE export run by the production worker (`dist/`, its production command line, NODE_ENV=production), started
 * for it and measured from outside: its resident memory once idle, then its peak while it takes the job from the
 * outbox through BullMQ and writes the file (the peak is reset when idle, through /proc/<pid>/clear_refs).
 */
async function exportRun(
  databaseUrl: string,
  format: string,
  period: { from: string; to: string },
): Promise<ExportRun> {
  const exportsDir = mkdtempSync(join(tmpdir(), 'ancrage-bench-exports-'));
  const healthPort = 3990;
  const child = spawn(process.execPath, productionWorkerCommand(), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}),
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `bench_export_${Date.now()}`,
      WORKER_HEALTH_PORT: String(healthPort),
      EXPORTS_DIR: exportsDir,
      JWT_SECRET: 'a-benchmark-secret-of-more-than-32-characters',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      DAILY_JOBS: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await waitUntil(
      async () => (await fetch(`http://127.0.0.1:${healthPort}/health/ready`).catch(() => undefined))?.ok === true,
      120_000,
    );
    await new Promise((settle) => setTimeout(settle, 1_000));
    const idle = residentMb(child.pid!);
    writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
    const cpuBefore = cpuMs(child.pid!);
    const started = Date.now();
    const { rows } = await client.query(
      `with job as (insert into export_job (id, organization_id, requested_by_user_id, format, from_day, to_day, local_radius_km, status, progress, row_count, created_at)
         values (gen_random_uuid(), $1, $1, $2, $3, $4, 100, 'QUEUED', 0, 0, now()) returning id)
       insert into outbox_message (topic, payload, created_at, available_at) select 'reporting.rse-export-requested', jsonb_build_object('exportJobId', id), now(), now() from job
       returning payload->>'exportJobId' as id`,
      [BENCH_BUYER_ID, format, period.from, period.to],
    );
    let job: { status: string; row_count: number } | undefined;
    await waitUntil(async () => {
      job = (await client.query('select status, row_count from export_job where id = $1', [rows[0].id])).rows[0];
      return job!.status === 'DONE' || job!.status === 'FAILED';
    }, 600_000);
    const ms = Date.now() - started;
    const cpu = cpuMs(child.pid!) - cpuBefore;
    if (job!.status !== 'DONE') throw new Error('the export failed');
    process.stderr.write(
      `export ${format}, ${job!.row_count} lines: ${ms} ms, CPU ${cpu.toFixed(0)} ms, peak RSS ${residentMb(child.pid!).peak.toFixed(0)} MB, load ${loadavg()[0].toFixed(1)}\n`,
    );
    return { ms, cpuMs: cpu, peakRssMb: residentMb(child.pid!).peak, idleRssMb: idle.rss, rowCount: job!.row_count };
  } finally {
    // The worker is stopped and waited for (a CPU profile, BENCH_WORKER_NODE_OPTIONS=--cpu-prof, is written at exit).
    const exited = child.exitCode === null ? once(child, 'exit') : Promise.resolve();
    child.kill('SIGTERM');
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise((settle) => setTimeout(() => settle(false), 30_000)),
    ]);
    if (!stopped) child.kill('SIGKILL');
    await client.end();
    // BENCH_EXPORT_KEEP=<dir>: the exported file is kept there (to compare two trees' output byte for byte).
    if (process.env.BENCH_EXPORT_KEEP) cpSync(exportsDir, process.env.BENCH_EXPORT_KEEP, { recursive: true });
    rmSync(exportsDir, { recursive: true, force: true });
  }
}

/**
 * A run stopped half-way (Ctrl-C, a timeout) leaves its export jobs QUEUED or RUNNING and their outbox deliveries
 * pending: the next run's worker would take them up before its own and share the CPU with them. The benchmark
 * restaurant's unfinished exports, and their pending deliveries, are marked failed before anything is measured; so
 * are the messages and pending deliveries other benches left (the order benches' thousands of order-placed e-mails,
 * which the worker retried against an absent mail server while it exported: 69 s instead of ≈ 30 s for the CSV).
 */
async function failLeftoverExports(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `update export_job set status = 'FAILED', error = 'Left over by a stopped benchmark run.', finished_at = now()
       where organization_id = $1 and status in ('QUEUED', 'RUNNING') returning id`,
      [BENCH_BUYER_ID],
    );
    // Other benches' messages (the order benches' order-placed e-mails: no mail server here) would be retried by the
    // export's worker all along the export: they are not the export's work. Those not yet dispatched are marked so
    // (no delivery is made of them): the worker's relay would otherwise fan them out when it starts — 3,899 e-mails
    // made the first CSV of a run take 92.5 s instead of 42.0 s.
    const undispatched = await client.query(
      `update outbox_message set dispatched_at = now()
       where dispatched_at is null and topic <> 'reporting.rse-export-requested'`,
    );
    const others = await client.query(
      `update outbox_delivery set failed_at = now(), last_error = 'Left over by another benchmark.'
       where handler <> 'RseExportHandler' and completed_at is null and failed_at is null`,
    );
    if (undispatched.rowCount || others.rowCount)
      process.stderr.write(
        `left over by other benches: ${undispatched.rowCount} message(s) set aside, ${others.rowCount} delivery(ies) marked failed\n`,
      );
    if (rows.length === 0) return;
    const ids = rows.map((row) => row.id as string);
    const { rowCount } = await client.query(
      `update outbox_delivery d set failed_at = now(), last_error = 'Left over by a stopped benchmark run.'
       from outbox_message m
       where d.message_id = m.id and m.topic = 'reporting.rse-export-requested' and m.payload->>'exportJobId' = any($1)
         and d.completed_at is null and d.failed_at is null`,
      [ids],
    );
    process.stderr.write(
      `left over by a stopped run: ${ids.length} export job(s) and ${rowCount} delivery(ies), marked failed\n`,
    );
  } finally {
    await client.end();
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  for (
    const deadline = Date.now() + timeoutMs;
    Date.now() < deadline;
    await new Promise((next) => setTimeout(next, 100))
  )
    if (await check()) return;
  throw new Error(`timed out after ${timeoutMs} ms`);
}

/** The two sizes measured: RELIABILITY.md JOB-08 (100,000 lines in < 60 s, < 256 MB) and PRODUCT.md §6 (1,000,000 lines). */
const SIZES = [
  { lines: 100_000, targetMs: { CSV: 60_000, XLSX: 60_000 }, targetRssMb: 256, source: 'JOB-08' },
  { lines: 1_000_000, targetMs: { CSV: 20_000, XLSX: 90_000 }, targetRssMb: 300, source: '§6' },
] as const;

/**
 * The RSE export of the benchmark restaurant, CSV and XLSX, each run in a process of its own (time to DONE, the
 * worker's CPU time, peak RSS), at JOB-08's 100,000 lines (the first weeks of the year) and §6's 1,000,000 (the whole seeded year; set
 * BENCH_EXPORT_LINES to seed and measure less); then the /pro/rse page of a restaurant with 100,000 lines.
 */
export async function exportBenchmarks(runs = Number(process.env.BENCH_EXPORT_RUNS ?? 3)): Promise<BenchFigure[]> {
  const seeded = Number(process.env.BENCH_EXPORT_LINES ?? 1_000_000);
  // The production build is what is measured: build it when it is missing.
  if (!existsSync(resolve(ROOT, 'dist/apps/api/apps/api/src/create-api-app.js')))
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const databaseUrl = await benchDatabase();
  await seedExportDataset(databaseUrl, seeded);
  await failLeftoverExports(databaseUrl);
  const figures: BenchFigure[] = [];
  // BENCH_EXPORT_SIZES=100000 measures one size only.
  const only = process.env.BENCH_EXPORT_SIZES?.split(',').map(Number);
  for (const size of SIZES.filter(
    (candidate) => candidate.lines <= seeded && (!only || only.includes(candidate.lines)),
  )) {
    const period = size.lines === seeded ? BENCH_PERIOD : await periodHolding(databaseUrl, size.lines);
    const floors: number[] = [];
    for (let run = 0; run < runs; run++) floors.push(await bareRead(databaseUrl, period));
    process.stderr.write(`bare read of ${size.lines} lines: ${floors.join(', ')} ms\n`);
    // BENCH_EXPORT_FORMATS=XLSX measures one format only.
    const formats = (['CSV', 'XLSX'] as const).filter(
      (format) => !process.env.BENCH_EXPORT_FORMATS || process.env.BENCH_EXPORT_FORMATS.split(',').includes(format),
    );
    for (const format of formats) {
      const measured: ExportRun[] = [];
      for (let run = 0; run < runs; run++) measured.push(await exportRun(databaseUrl, format, period));
      const label = `RSE export ${format}, ${measured[0].rowCount.toLocaleString('en-US')} lines`;
      figures.push({
        scenario: `${label}, time to DONE (${size.source})`,
        unit: 'ms',
        figure: median(measured.map((m) => m.ms)),
        floor: median(floors),
        target: size.targetMs[format],
        higherIsBetter: false,
        runs,
      });
      figures.push({
        scenario: `${label}, CPU time of the worker (${size.source}; the wall time's share of a loaded machine aside)`,
        unit: 'ms',
        figure: median(measured.map((m) => m.cpuMs)),
        floor: NaN,
        target: NaN,
        higherIsBetter: false,
        runs,
      });
      figures.push({
        scenario: `${label}, peak RSS of the worker (${size.source})`,
        unit: 'MB',
        figure: median(measured.map((m) => m.peakRssMb)),
        floor: median(measured.map((m) => m.idleRssMb)),
        target: size.targetRssMb,
        higherIsBetter: false,
        runs,
      });
    }
  }
  // Issue #22 §6: the report's page, on the same seeded year (BENCH_RSE_PAGE=off leaves it out).
  if (process.env.BENCH_RSE_PAGE !== 'off') figures.push(...(await rsePageBenchmark(databaseUrl)));
  return figures;
}
