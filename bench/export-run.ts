import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { INestApplication } from '@nestjs/common';
import type { AppConfig, Environment } from '@app/platform';
import { BENCH_BUYER_ID, BENCH_PERIOD } from './export-dataset';

/**
 * The process that runs export jobs in production: the worker of `npm run build`, on Redis (BullMQ) — or, with
 * `sources`, the worker from the TypeScript sources.
 */
function worker(build: 'dist' | 'sources') {
  const root = join(__dirname, '..');
  const [workerModule, platformModule] =
    build === 'dist'
      ? [join(root, 'dist/apps/worker/apps/worker/src/start-worker.js'), join(root, 'dist/apps/worker/libs/platform/src/index.js')]
      : [join(root, 'apps/worker/src/start-worker.ts'), join(root, 'libs/platform/src/index.ts')];
  const { startWorker } = require(workerModule) as { startWorker: (options: object, config: AppConfig) => Promise<INestApplication> };
  const { loadConfig } = require(platformModule) as { loadConfig: (env: Environment) => AppConfig };
  return { startWorker, loadConfig };
}

/**
 * One RSE export in a process of its own, so that its peak RSS is the export's: the worker (the production build by
 * default) takes the job from the outbox through BullMQ and runs it, exactly as in production. Prints `{ ms, peakRssMb, idleRssMb, rowCount, bytes }`: the idle
 * RSS (the application started, nothing exported) is the memory floor.
 */
async function main(): Promise<void> {
  const [databaseUrl, format, build = 'dist'] = process.argv.slice(2);
  const { startWorker, loadConfig } = worker(build as 'dist' | 'sources');
  const exportsDir = mkdtempSync(join(tmpdir(), 'ancrage-bench-exports-'));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const app = await startWorker(
    {},
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `bench_${process.pid}`,
      WORKER_HEALTH_PORT: String(20_000 + (process.pid % 20_000)),
      EXPORTS_DIR: exportsDir,
      DAILY_JOBS: 'off',
    }),
  );
  const idleRss = process.memoryUsage().rss;
  try {
    const started = Date.now();
    const { rows } = await client.query(
      `with job as (insert into export_job (id, organization_id, requested_by_user_id, format, from_day, to_day, local_radius_km, status, progress, row_count, created_at)
         values (gen_random_uuid(), $1, $1, $2, $3, $4, 100, 'QUEUED', 0, 0, now()) returning id)
       insert into outbox_message (topic, payload, created_at, available_at) select 'reporting.rse-export-requested', jsonb_build_object('exportJobId', id), now(), now() from job
       returning payload->>'exportJobId' as id`,
      [BENCH_BUYER_ID, format, BENCH_PERIOD.from, BENCH_PERIOD.to],
    );
    let job: { status: string; row_count: number; file_name: string | null };
    for (;;) {
      job = (await client.query('select status, row_count, file_name from export_job where id = $1', [rows[0].id])).rows[0];
      if (job.status === 'DONE' || job.status === 'FAILED') break;
      await new Promise((done) => setTimeout(done, 100));
    }
    const ms = Date.now() - started;
    if (job.status !== 'DONE') throw new Error('the export failed');
    const bytes = statSync(join(exportsDir, job.file_name!)).size;
    process.stdout.write(`${JSON.stringify({ ms, peakRssMb: peakRss / 2 ** 20, idleRssMb: idleRss / 2 ** 20, rowCount: job.row_count, bytes })}\n`);
  } finally {
    clearInterval(sampler);
    await app.close();
    await client.end();
    rmSync(exportsDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
