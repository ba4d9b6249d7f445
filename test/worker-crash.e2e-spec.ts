import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { OutboxDelivery, OutboxService } from '@app/platform';
import { startsKey } from './fixtures/slow-job-worker';
import { startProductionStack } from './support/production-stack';
import { effectCounts, testJobKey } from './support/recording-job';
import { waitFor } from './support/test-services';
import { startWorkerProcess } from './support/worker-process';

/**
 * RELIABILITY.md JOB-03: a worker killed (SIGKILL) in the middle of 5 jobs; a second worker, already up (its cold start
 * is not the recovery being measured), runs them again in 3 s each.
 * Test settings lockDuration 2 s, stalledInterval 1 s. Pass: 5/5 complete within 10 s of the kill, stalledCounter 1,
 * each job's effect once. (With the production defaults of 30 s / 30 s, recovery takes up to ~90 s.)
 */
describe('JOB-03: a worker killed mid-job', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let redis: Redis;
  const workers: ChildProcess[] = [];

  /** A worker process whose slow jobs last `slowJobMs`, killed at the end if still alive. */
  const startWorker = async (slowJobMs: number) => {
    const worker = await startWorkerProcess(stack.config, { SLOW_JOB_MS: String(slowJobMs) });
    workers.push(worker.child);
    return worker.child;
  };

  beforeAll(async () => {
    stack = await startProductionStack('job03', {}, { withWorker: false });
    redis = new Redis(stack.config.redis!.url);
  });

  afterAll(async () => {
    for (const child of workers) child.kill('SIGKILL');
    redis.disconnect();
    await stack.close();
  });

  it('completes the 5 jobs after a restart, each taking effect once', async () => {
    const starts = async () => Number(await redis.get(startsKey(stack.config.redis!.prefix)));
    // The first worker holds its jobs until it is killed; the second, a replacement already up, runs them in 3 s.
    const first = await startWorker(120_000);
    const outbox = stack.api.get(OutboxService);
    const messages = await stack.em
      .fork()
      .transactional(async (tx) => Array.from({ length: 5 }, (_, n) => outbox.enqueue(tx, 'test.slow', { n })));

    await waitFor(async () => (await starts()) === 5, { timeoutMs: 20_000, what: 'the 5 jobs to start' });
    await startWorker(3000);
    first.kill('SIGKILL');
    const killedAt = Date.now();
    await new Promise((resolve) => first.once('exit', resolve));
    expect(await stack.em.fork().count(OutboxDelivery, { completedAt: { $ne: null } })).toBe(0);

    await waitFor(async () => (await stack.em.fork().count(OutboxDelivery, { completedAt: { $ne: null } })) === 5, {
      timeoutMs: 20_000,
      what: 'the 5 jobs to complete after the restart',
    });
    const recoveredAfterMs = Date.now() - killedAt;

    const effects = await effectCounts(stack.em);
    expect(messages.map((message) => effects.get(testJobKey(message.id, 'SlowHandler')))).toEqual([1, 1, 1, 1, 1]);
    expect(await starts()).toBe(10);
    const connection = new Redis(stack.config.redis!.url);
    const queue = new Queue('jobs', { connection, prefix: stack.config.redis!.prefix });
    const jobs = await Promise.all(messages.map((message) => queue.getJob(`outbox-${message.id}-SlowHandler`)));
    expect(jobs.map((job) => job?.stalledCounter)).toEqual([1, 1, 1, 1, 1]);
    await queue.close();
    connection.disconnect();
    if (process.env.REPORT_FIGURES) console.info(`JOB-03: recovered ${recoveredAfterMs} ms after the kill`);
    expect(recoveredAfterMs).toBeLessThanOrEqual(10_000);
    // Two cold starts of a worker process come first: slow on a loaded machine, and not what is measured.
  }, 180_000);
});
