import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { type AppConfig, JOB_QUEUE_NAME, JOB_RETENTION, jobOptions, queueOptions } from '@app/platform';
import { createTestRedisPrefix, TEST_REDIS_URL, testConfig, waitFor } from './support/test-services';

/**
 * RELIABILITY.md JOB-10: Redis keeps a bounded history of jobs. 20,000 jobs published with the options the outbox
 * relay gives every delivery (`jobOptions`), run by a BullMQ worker on the same queue: at most 10,000 completed jobs
 * are kept, and the failed ones stay (7 days) for support.
 */
describe('JOB-10: retention bounds of the job queue', () => {
  const redisPrefix = createTestRedisPrefix('job10');
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const workerConnection = connection.duplicate({ maxRetriesPerRequest: null });
  // Built once the profile's set-up ran (the production profile's config needs its fake SMTP server's address).
  let config: AppConfig;
  let queue: Queue;
  let worker: Worker | undefined;

  beforeAll(() => {
    config = testConfig({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redisPrefix.prefix });
    queue = new Queue(JOB_QUEUE_NAME, { connection, ...queueOptions(config) });
  });

  afterAll(async () => {
    await worker?.close();
    await queue.close();
    workerConnection.disconnect();
    connection.disconnect();
    await redisPrefix.clear();
  });

  it('keeps at most 10,000 completed jobs of 20,000, and every failed one for 7 days', async () => {
    const total = 20_000;
    const failing = new Set(Array.from({ length: 50 }, (_, n) => n * 400));
    for (let start = 0; start < total; start += 1000) {
      await queue.addBulk(
        Array.from({ length: 1000 }, (_, n) => start + n).map((id) => ({
          name: 'test.retention',
          data: { id },
          opts: jobOptions(config, id, 'RetentionHandler'),
        })),
      );
    }
    worker = new Worker(
      JOB_QUEUE_NAME,
      async (job) => {
        if (failing.has((job.data as { id: number }).id)) throw new UnrecoverableError('refused for the test');
        return 'done';
      },
      { connection: workerConnection, ...queueOptions(config), concurrency: 100 },
    );

    await waitFor(
      async () => {
        const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
        return Object.values(counts).every((count) => count === 0);
      },
      { timeoutMs: 240_000, intervalMs: 500, what: 'the 20,000 jobs to run' },
    );

    const counts = await queue.getJobCounts('completed', 'failed');
    expect(counts.failed).toBe(failing.size);
    expect(counts.completed).toBeLessThanOrEqual(JOB_RETENTION.completed.count);
    // Trimmed by count, not emptied: the newest 10,000 are kept for looking into.
    expect(counts.completed).toBeGreaterThan(JOB_RETENTION.completed.count * 0.9);

    // Job hashes in Redis: the kept completed jobs and the failed ones, nothing else.
    let jobKeys = 0;
    let cursor = '0';
    do {
      const [next, keys] = await connection.scan(
        cursor,
        'MATCH',
        `${redisPrefix.prefix}:${JOB_QUEUE_NAME}:outbox-*`,
        'COUNT',
        2000,
      );
      jobKeys += keys.filter((key) => !key.endsWith(':lock') && !key.endsWith(':logs')).length;
      cursor = next;
    } while (cursor !== '0');
    expect(jobKeys).toBe(counts.completed + counts.failed);

    const failed = await queue.getFailed(0, 0);
    expect(failed[0].opts.removeOnFail).toEqual({ age: 7 * 24 * 3600 });
    expect(failed[0].opts.removeOnComplete).toEqual({ age: 24 * 3600, count: 10_000 });
  }, 300_000);
});
