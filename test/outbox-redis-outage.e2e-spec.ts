import { OutboxDelivery, OutboxMessage, OutboxService } from '@app/platform';
import { startPrivateRedis } from './support/private-redis';
import { startProductionStack } from './support/production-stack';
import { effectCounts } from './support/recording-job';
import { waitFor } from './support/test-services';

/**
 * RELIABILITY.md JOB-01: 100 business transactions, one every ~30 ms, while Redis is down for 3 s in the middle.
 * Pass: 0 failed transactions, 100/100 side effects exactly once, 0 unpublished rows within 5 s of Redis returning.
 */
describe('JOB-01: the outbox survives a Redis outage', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let stack: Awaited<ReturnType<typeof startProductionStack>>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    // A job the worker held when Redis went away is recovered as stalled: test settings make that quick (JOB-03).
    stack = await startProductionStack('job01', {
      REDIS_URL: redis.url,
      OUTBOX_POLL_MS: '100',
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
    });
    await stack.em.execute('create table test_paid_order (id serial primary key, note text not null)');
  });

  afterAll(async () => {
    await stack.close();
    await redis.destroy();
  });

  /** Messages not yet turned into deliveries, and deliveries not yet handed to BullMQ. */
  const unpublishedJobs = async () =>
    (await stack.em.fork().count(OutboxMessage, { dispatchedAt: null })) +
    (await stack.em.fork().count(OutboxDelivery, { publishedAt: null }));

  it('runs 100 side effects exactly once, none lost, and drains within 5 s of Redis returning', async () => {
    const outbox = stack.api.get(OutboxService);
    const payOrder = (n: number) =>
      stack.em.fork().transactional(async (tx) => {
        await tx.execute('insert into test_paid_order (note) values (?)', [`order ${n}`]);
        outbox.enqueue(tx, 'test.record', { note: `order ${n} paid` });
      });

    let redisBackAt = 0;
    let waitingWhileRedisDown = 0;
    const outage = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await redis.stop();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      waitingWhileRedisDown = await unpublishedJobs();
      await redis.start();
      redisBackAt = Date.now();
    })();

    const results = [];
    for (let n = 0; n < 100; n++) {
      results.push(
        await payOrder(n).then(
          () => 'committed',
          (error: Error) => error.message,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await outage;

    expect(results.filter((result) => result !== 'committed')).toEqual([]);
    // The outage really held jobs back: they waited in the outbox, not in a lost Redis call.
    expect(waitingWhileRedisDown).toBeGreaterThan(0);
    expect(Number((await stack.em.execute('select count(*) as n from test_paid_order'))[0].n)).toBe(100);

    let unpublished = 0;
    await waitFor(async () => (unpublished = await unpublishedJobs()) === 0, {
      timeoutMs: 5000,
      what: 'every outbox row to be published within 5 s of Redis returning',
    }).catch((error: Error) => {
      throw new Error(
        `${error.message} (${unpublished} unpublished, ${waitingWhileRedisDown} waited during the outage)`,
      );
    });
    const drainedAfterMs = Date.now() - redisBackAt;

    let completed = 0;
    await waitFor(
      async () => (completed = await stack.em.fork().count(OutboxDelivery, { completedAt: { $ne: null } })) === 100,
      { timeoutMs: 15_000, what: 'the 100 jobs to complete' },
    ).catch((error: Error) => {
      throw new Error(`${error.message} (${completed} completed)`);
    });
    const effects = await effectCounts(stack.em);
    expect(effects.size).toBe(100);
    expect([...effects.values()].every((count) => count === 1)).toBe(true);
    expect(drainedAfterMs).toBeLessThanOrEqual(5000);
    if (process.env.REPORT_FIGURES)
      console.info(`JOB-01: ${waitingWhileRedisDown} rows waited; published ${drainedAfterMs} ms after Redis returned`);
  });
});
