import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_LIMITS, OutboxDelivery, OutboxService } from '@app/platform';
import { poisonStartsKey, startsKey } from './fixtures/slow-job-worker';
import { startProductionStack } from './support/production-stack';
import { deliveryOf, effectCounts, testJobKey } from './support/recording-job';
import { waitFor } from './support/test-services';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process';

/**
 * RELIABILITY.md JOB-04 and JOB-06, with real worker processes (test/fixtures/slow-job-worker.ts) on the production
 * stack's PostgreSQL and Redis: a job that kills its worker each time it runs, and a worker stopped by SIGTERM while
 * it holds 20 jobs.
 */
describe('worker processes that die or are stopped', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let redis: Redis;
  const workers: WorkerProcess[] = [];

  const startWorker = async (env: Record<string, string>) => {
    const worker = await startWorkerProcess(stack.config, env);
    workers.push(worker);
    return worker;
  };
  const counter = async (key: string) => Number(await redis.get(key));
  const completed = () => stack.em.fork().count(OutboxDelivery, { completedAt: { $ne: null } });
  const enqueue = (topics: string[]) => {
    const outbox = stack.api.get(OutboxService);
    return stack.em.fork().transactional(async (tx) => topics.map((topic, n) => outbox.enqueue(tx, topic, { n })));
  };
  const stalledCounters = async (jobIds: string[]) => {
    const connection = new Redis(stack.config.redis!.url);
    const queue = new Queue('jobs', { connection, prefix: stack.config.redis!.prefix });
    const jobs = await Promise.all(jobIds.map((id) => queue.getJob(id)));
    await queue.close();
    connection.disconnect();
    return jobs.map((job) => job?.stalledCounter);
  };

  beforeAll(async () => {
    stack = await startProductionStack('joblife', {}, { withWorker: false });
    redis = new Redis(stack.config.redis!.url);
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await stack.em.fork().nativeDelete(OutboxDelivery, {});
    await stack.em.execute('delete from test_effect');
  });

  afterAll(async () => {
    redis.disconnect();
    await stack.close();
  });

  it('JOB-04: a job that kills its worker fails for good after maxStalledCount + 1 starts, with one alert; the 20 good jobs complete once each', async () => {
    const prefix = stack.config.redis!.prefix;
    // One job at a time, so the poison job is alone when it takes its worker down (as a supervisor restarts it).
    const env = { WORKER_CONCURRENCY: '1', SLOW_JOB_MS: '50', LOG_LEVEL: 'error' };
    let supervising = true;
    const supervise = async () => {
      while (supervising) {
        const worker = await startWorker(env);
        await worker.exited;
      }
    };
    const supervisor = supervise();

    const topics = [...Array(10).fill('test.slow'), 'test.poison', ...Array(10).fill('test.slow')] as string[];
    const messages = await enqueue(topics);
    const poison = messages[10];
    const good = messages.filter((message) => message !== poison);

    await waitFor(async () => (await completed()) === 20 && (await deliveryOf(stack.em, poison.id))?.failedAt != null, {
      timeoutMs: 240_000,
      intervalMs: 250,
      what: 'the 20 good jobs to complete and the poison job to fail',
    });
    supervising = false;

    expect(await counter(poisonStartsKey(prefix))).toBe(JOB_LIMITS.maxStalls + 1);
    const effects = await effectCounts(stack.em);
    expect(good.map((message) => effects.get(testJobKey(message.id, 'SlowHandler')))).toEqual(Array(20).fill(1));
    const failed = (await deliveryOf(stack.em, poison.id))!;
    expect(failed.completedAt).toBeNull();
    expect(failed.lastError).toMatch(/stalled/);

    // Exactly one alert, from the worker that refused to start the job a third time. It is logged just after the
    // delivery is marked failed, so its line may reach the output a moment after the row: wait for it.
    const alerts = () =>
      workers
        .flatMap((worker) => worker.output().split('\n'))
        .filter((line) => line.includes('"alert":true'))
        .map((line) => JSON.parse(line) as { deliveryId?: number });
    await waitFor(async () => alerts().length > 0, { timeoutMs: 10_000, what: "the failed job's alert" });
    expect(alerts().map((alert) => alert.deliveryId)).toEqual([failed.id]);

    for (const worker of workers) worker.child.kill('SIGKILL');
    await supervisor;
  }, 300_000);

  it('JOB-06: SIGTERM lets the 20 active jobs finish; the process exits within the job time + 5 s; nothing stalls after a restart', async () => {
    const prefix = stack.config.redis!.prefix;
    const jobMs = 4000;
    const first = await startWorker({ WORKER_CONCURRENCY: '20', SLOW_JOB_MS: String(jobMs) });
    const startsBefore = await counter(startsKey(prefix));
    const messages = await enqueue(Array(20).fill('test.slow') as string[]);
    await waitFor(async () => (await counter(startsKey(prefix))) - startsBefore === 20, {
      timeoutMs: 30_000,
      what: 'the 20 jobs to be active',
    });

    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    const exitCode = await first.exited;
    const exitedAfterMs = Date.now() - signalledAt;
    if (process.env.REPORT_FIGURES) console.info(`JOB-06: exited ${exitedAfterMs} ms after SIGTERM (code ${exitCode})`);

    // Every job finished before the process left: completed, each effect once.
    expect(await completed()).toBe(20);
    const effects = await effectCounts(stack.em);
    expect(messages.map((message) => effects.get(testJobKey(message.id, 'SlowHandler')))).toEqual(Array(20).fill(1));
    expect(exitedAfterMs).toBeLessThanOrEqual(jobMs + 5000);

    // A restarted worker finds nothing stalled: no job started again, no stalled counter raised.
    await startWorker({ WORKER_CONCURRENCY: '20', SLOW_JOB_MS: String(jobMs) });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await counter(startsKey(prefix))) - startsBefore).toBe(20);
    expect(await stalledCounters(messages.map((message) => `outbox-${message.id}-SlowHandler`))).toEqual(
      Array(20).fill(0),
    );
  }, 240_000);
});
