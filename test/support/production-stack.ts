import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { Environment } from '@app/platform';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { migrateDatabase } from '../../apps/api/src/database-commands';
import { startWorker } from '../../apps/worker/src/start-worker';
import { freePort } from './private-redis';
import { CREATE_EFFECT_TABLE, RecordingJobsModule, pendingJobs } from './recording-job';
import { createTestDatabase, createTestRedisPrefix, TEST_REDIS_URL, testConfig, waitFor } from './test-services';

/**
 * Closes a part of the stack, or gives up after 20 s saying which part did not close: the database is dropped with
 * FORCE after it anyway. A slow shutdown under a loaded CI machine must not fail a file whose tests passed; the
 * warning keeps it visible (shutdown itself is tested by worker-crash and production-mode).
 */
export async function boundedClose(part: string, close: () => Promise<unknown> | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((settle) => {
    timer = setTimeout(() => settle('timeout'), 20_000);
  });
  const outcome = await Promise.race([Promise.resolve(close()).then(() => 'closed' as const), gaveUp]);
  clearTimeout(timer);
  if (outcome === 'timeout') console.warn(`Test teardown: ${part} did not close within 20 s; going on.`);
}

/**
 * The production topology in one test process: a migrated PostgreSQL database of the test's own, the API and the
 * worker on Redis under a prefix of the test's own, both with the recording job handlers. Without `withWorker`, the
 * test brings its own worker (a child process).
 */
export async function startProductionStack(
  label: string,
  env: Environment = {},
  { withWorker = true, imports = [] as NonNullable<ModuleMetadata['imports']> } = {},
) {
  const database = await createTestDatabase(label);
  const redisPrefix = createTestRedisPrefix(label);
  const redisUrl = env.REDIS_URL ?? TEST_REDIS_URL;
  const config = testConfig({
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix.prefix,
    WORKER_HEALTH_PORT: String(await freePort()),
    ...env,
  });
  await migrateDatabase(config);

  const api = await createApiApp(config, { imports: [RecordingJobsModule, ...imports] });
  await api.init();
  const em = api.get(MikroORM).em.fork() as EntityManager;
  await em.execute(CREATE_EFFECT_TABLE);
  let worker: INestApplication | undefined = withWorker
    ? await startWorker({ imports: [RecordingJobsModule] }, config)
    : undefined;

  return {
    api,
    em,
    config,
    get worker() {
      return worker;
    },
    /** Waits until every job written so far and due has run (or failed for good); delayed jobs not yet due wait. */
    async drainOutbox() {
      await waitFor(async () => (await pendingJobs(em.fork())) === 0, { what: 'the outbox to drain' });
    },
    /** Starts the worker again after `stopWorker`. */
    async startWorker() {
      worker ??= await startWorker({ imports: [RecordingJobsModule] }, config);
    },
    async stopWorker() {
      await worker?.close();
      worker = undefined;
    },
    async close() {
      await boundedClose('the worker', () => worker?.close());
      await boundedClose('the API', () => api.close());
      await redisPrefix.clear(redisUrl).catch(() => undefined);
      await database.drop();
    },
  };
}
