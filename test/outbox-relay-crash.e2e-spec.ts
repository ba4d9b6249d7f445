import { Injectable, Module, type OnModuleDestroy, Inject, type INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  APP_CONFIG,
  type AppConfig,
  HandlesJob,
  type JobContext,
  type JobHandler,
  JobExecutor,
  JobHandlerRegistry,
  JOB_QUEUE_NAME,
  JOB_RETENTION,
  jobOptions,
  OutboxDelivery,
  OutboxRelay,
  OutboxService,
  queueOptions,
  UnitOfWork,
} from '@app/platform';
import { startWorker } from '../apps/worker/src/start-worker';
import { startProductionStack } from './support/production-stack';
import { RecordingJobsModule } from './support/recording-job';
import { waitFor } from './support/test-services';

const effectsKey = (config: AppConfig) => `${config.redis!.prefix}:test:job02-effects`;

/**
 * A handler whose effect is outside the database, like an e-mail or a Stripe call: it pushes its job key onto a Redis
 * list, which no rollback takes back. Counting the list counts the effects.
 */
@Injectable()
@HandlesJob('test.external')
class ExternalEffectHandler implements JobHandler, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = new Redis(config.redis!.url);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }

  async handle(_payload: unknown, context: JobContext): Promise<void> {
    await this.redis.rpush(effectsKey(this.config), context.jobKey);
  }
}

@Module({ providers: [ExternalEffectHandler] })
class ExternalEffectModule {}

/**
 * RELIABILITY.md JOB-02: the relay dies after `addBulk` handed the jobs to BullMQ and before `UPDATE published_at`
 * marked the rows; a fresh relay publishes the same rows again. Pass: 50 rows → 50 effects exactly, thanks to the job
 * id `outbox-<id>-<handler>` BullMQ retains, and to the consumer's processed key (the delivery row
 * `outbox-<id>:<handler>` marked done in the handler's transaction) once BullMQ no longer has the job.
 *
 * The crash is injected in the process, not a process killed: the crashing relay's `addBulk` completes, then throws,
 * so its transaction rolls back before the UPDATE — the state a relay killed at that point leaves (jobs in Redis,
 * rows unmarked). The relays are the production class, polled by hand (the worker's own relay waits an hour).
 */
describe('JOB-02: a relay crash between publishing and marking', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let worker: INestApplication | undefined;
  let redis: Redis;
  let queue: Queue;
  let queueConnection: Redis;

  beforeAll(async () => {
    stack = await startProductionStack(
      'job02',
      { OUTBOX_POLL_MS: String(3600_000) },
      { withWorker: false, imports: [ExternalEffectModule] },
    );
    redis = new Redis(stack.config.redis!.url);
    queueConnection = redis.duplicate({ maxRetriesPerRequest: null });
    queue = new Queue(JOB_QUEUE_NAME, { connection: queueConnection, ...queueOptions(stack.config) });
  });

  afterAll(async () => {
    await worker?.close();
    await queue.close();
    queueConnection.disconnect();
    redis.disconnect();
    await stack.close();
  });

  const startTheWorker = async () => {
    worker ??= await startWorker({ imports: [RecordingJobsModule, ExternalEffectModule] }, stack.config);
  };
  const stopTheWorker = async () => {
    await worker?.close();
    worker = undefined;
  };

  /** A relay of the production class on the API's database and Redis prefix. */
  const newRelay = () =>
    new OutboxRelay(
      stack.api.get(UnitOfWork),
      stack.api.get(JobHandlerRegistry),
      stack.api.get(JobExecutor),
      stack.config,
    );

  /** A relay that dies right after BullMQ accepted its jobs, before it marks the rows published. */
  const crashingRelay = () => {
    const relay = newRelay();
    const relayQueue = (relay as unknown as { queue: Queue }).queue;
    const addBulk = relayQueue.addBulk.bind(relayQueue);
    relayQueue.addBulk = async (jobs) => {
      await addBulk(jobs);
      throw new Error('The relay died after addBulk');
    };
    return relay;
  };

  const enqueue50 = async () => {
    const outbox = stack.api.get(OutboxService);
    return stack.em
      .fork()
      .transactional(async (tx) => Array.from({ length: 50 }, (_, n) => outbox.enqueue(tx, 'test.external', { n })));
  };

  const effects = async () => redis.lrange(effectsKey(stack.config), 0, -1);
  const deliveriesOf = (messageIds: number[]) =>
    stack.em.fork().find(OutboxDelivery, { messageId: { $in: messageIds } });
  const jobIdsOf = (messageIds: number[]) => messageIds.map((id) => `outbox-${id}-ExternalEffectHandler`);

  const publishAfterCrash = async () => {
    const crashing = crashingRelay();
    await expect(crashing.publishDue()).rejects.toThrow('The relay died after addBulk');
    await crashing.onApplicationShutdown();
  };

  it('a fresh relay publishes the 50 rows again under the same job ids: BullMQ keeps one job each, 50 effects', async () => {
    await redis.del(effectsKey(stack.config));
    const messages = await enqueue50();
    const ids = messages.map((message) => message.id);

    await publishAfterCrash();
    // The crash left the jobs in Redis and the rows unmarked.
    expect((await deliveriesOf(ids)).filter((row) => row.publishedAt === null)).toHaveLength(50);
    const jobIds = jobIdsOf(ids);
    expect((await Promise.all(jobIds.map((id) => queue.getJob(id)))).filter(Boolean)).toHaveLength(50);

    const fresh = newRelay();
    expect(await fresh.publishDue()).toBe(50);
    await fresh.onApplicationShutdown();
    expect((await deliveriesOf(ids)).filter((row) => row.publishedAt !== null)).toHaveLength(50);
    // Published twice, held once: the second addBulk of the same job ids added nothing.
    expect(await queue.getJobCountByTypes('wait', 'prioritized', 'delayed', 'active', 'completed', 'failed')).toBe(50);

    await startTheWorker();
    await waitFor(
      async () =>
        (await stack.em.fork().count(OutboxDelivery, { messageId: { $in: ids }, completedAt: { $ne: null } })) === 50,
      {
        timeoutMs: 60_000,
        what: 'the 50 jobs to complete',
      },
    );
    await waitFor(async () => (await queue.getJobCountByTypes('completed')) === 50, {
      timeoutMs: 10_000,
      what: 'BullMQ to record the 50 jobs completed',
    });
    const done = await effects();
    expect(done).toHaveLength(50);
    expect(new Set(done).size).toBe(50);

    // The completed jobs are retained, so a later publication of the same ids is still a no-op: 24 h, and at most
    // the newest 10,000 completed jobs (JOB-10) — under more than 10,000 jobs a day the count bound comes first.
    const job = await queue.getJob(jobIds[0]);
    expect(await job!.getState()).toBe('completed');
    expect(job!.opts.removeOnComplete).toEqual({ age: 24 * 3600, count: 10_000 });
    expect(JOB_RETENTION.completed.ageSeconds).toBeGreaterThanOrEqual(24 * 3600);
  }, 180_000);

  it('once BullMQ no longer holds the jobs (run, then removed), the processed key keeps the effects at 50 (the delivery row done)', async () => {
    await startTheWorker();
    await redis.del(effectsKey(stack.config));
    const messages = await enqueue50();
    const ids = messages.map((message) => message.id);

    // The worker runs the jobs the crashing relay handed over: their rows are done, though never marked published.
    await publishAfterCrash();
    await waitFor(async () => (await effects()).length === 50, { timeoutMs: 60_000, what: 'the 50 effects' });
    await waitFor(
      async () =>
        (await Promise.all(jobIdsOf(ids).map(async (id) => (await queue.getJob(id))?.getState()))).every(
          (state) => state === 'completed',
        ),
      { timeoutMs: 10_000, what: 'BullMQ to record the 50 jobs completed' },
    );
    // Past retention (or a Redis that lost them): the completed jobs are gone, so the job ids dedupe nothing.
    await stopTheWorker();
    await Promise.all(jobIdsOf(ids).map(async (id) => (await queue.getJob(id))?.remove()));
    expect((await Promise.all(jobIdsOf(ids).map((id) => queue.getJob(id)))).filter(Boolean)).toHaveLength(0);

    // A fresh relay publishes nothing: the rows are done (the processed key), so none is due again.
    const fresh = newRelay();
    expect(await fresh.publishDue()).toBe(0);
    await fresh.onApplicationShutdown();
    // A relay that read the rows before they were done and publishes them only now (BullMQ no longer holding the
    // jobs): the same 50 jobs reach the worker again.
    const rows = await deliveriesOf(ids);
    await queue.addBulk(
      rows.map((row) => ({
        name: row.topic,
        data: { deliveryId: row.id, outboxId: row.messageId, handler: row.handler, payload: {} },
        opts: jobOptions(stack.config, row.messageId, row.handler),
      })),
    );
    await startTheWorker();
    await waitFor(
      async () =>
        (await Promise.all(jobIdsOf(ids).map(async (id) => (await queue.getJob(id))?.getState()))).every(
          (state) => state === 'completed',
        ),
      { timeoutMs: 60_000, what: 'the 50 jobs published again to be run' },
    );
    expect(await Promise.all(jobIdsOf(ids).map(async (id) => (await queue.getJob(id))?.returnvalue))).toEqual(
      ids.map(() => 'already-done'),
    );

    const done = await effects();
    expect(done).toHaveLength(50);
    expect(new Set(done).size).toBe(50);
    expect((await deliveriesOf(ids)).filter((row) => row.completedAt !== null)).toHaveLength(50);
  }, 180_000);
});
