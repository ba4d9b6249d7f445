import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { UnitOfWork } from '../database/unit-of-work';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { withTimeout } from '../async/with-timeout';
import { createRedisConnection } from '../redis/redis-connection';
import { JobExecutor } from './job-executor';
import { JobHandlerRegistry } from './job-handler-registry';
import { JOB_QUEUE_NAME, jobOptions, queueOptions, type QueuedJobData } from './job-queue';
import { OutboxDelivery } from './outbox-delivery.entity';
import { dispatchDueMessages } from './outbox-dispatch';
import { OutboxMessage } from './outbox-message.entity';
import { pruneOutbox } from './outbox-retention';

const BATCH_SIZE = 100;
/**
 * A publication that takes longer gives its rows back (the transaction rolls back) for the next poll. A batch takes a
 * few milliseconds; a call caught in a reconnection can hang, and must not hold the outbox much longer than the outage
 * (JOB-01: drained within 5 s of Redis returning).
 */
const PUBLISH_TIMEOUT_MS = 1500;
/**
 * A delivery published this long ago and still not done is published again, in case Redis lost it (a restart without
 * AOF). While BullMQ still holds the job, the same job id makes the new publication a no-op. Past the job age limit
 * (`JOB_LIMITS.maxAgeMs`) it is marked failed instead, never published again.
 */
const REPUBLISH_AFTER_MS = 10 * 60_000;

/**
 * Hands committed outbox messages to BullMQ: each due message becomes one delivery per subscribed handler (committed
 * first), and each delivery one BullMQ job. Redis down means a delay, never a loss: the deliveries stay unpublished
 * and the next poll tries again. Several relays may run: `FOR UPDATE SKIP LOCKED` gives each row to one of them.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly connection: Redis;
  private readonly queue: Queue<QueuedJobData>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private failing = false;
  private lastPrune = 0;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly registry: JobHandlerRegistry,
    private readonly executor: JobExecutor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.connection = createRedisConnection(config.redis!.url, 'request');
    this.queue = new Queue(JOB_QUEUE_NAME, { connection: this.connection, ...queueOptions(config) });
    this.queue.on('error', () => undefined);
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** Stops polling and lets a running poll end while the database is still open (it closes in the next stage). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.publishDue()
        .then(() => {
          if (this.failing) this.logger.log('Publishing to Redis again');
          this.failing = false;
        })
        .catch((error) => {
          if (!this.failing) this.logger.warn({ err: error }, 'Cannot publish to Redis; outbox rows wait');
          this.failing = true;
        })
        .finally(() => this.schedule());
    }, this.config.jobs.pollIntervalMs);
  }

  /** Dispatches the due messages and publishes the due deliveries; returns how many deliveries it published. */
  async publishDue(): Promise<number> {
    const postgres = this.config.database.kind === 'postgresql';
    await dispatchDueMessages(this.unitOfWork, this.registry, { postgres });
    await this.executor.failStale();
    const published = await this.unitOfWork.run(() =>
      this.unitOfWork.transactional(async (em) => {
        const rows = await em.find(
          OutboxDelivery,
          {
            completedAt: null,
            failedAt: null,
            // A delivery waiting for a retry of the in-process runner is not this relay's (there is none with Redis).
            $or: [
              { publishedAt: null, availableAt: { $lte: new Date() } },
              { publishedAt: { $lt: new Date(Date.now() - REPUBLISH_AFTER_MS) } },
            ],
          },
          {
            orderBy: { id: 'asc' },
            limit: BATCH_SIZE,
            ...(postgres && { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE }),
          },
        );
        if (rows.length === 0) return 0;
        const messages = await em.find(
          OutboxMessage,
          { id: { $in: [...new Set(rows.map((row) => row.messageId))] } },
          { fields: ['id', 'payload'] },
        );
        const payloads = new Map(messages.map((message) => [message.id, message.payload]));
        const publication = this.queue.addBulk(
          rows.map((row) => ({
            name: row.topic,
            data: {
              deliveryId: row.id,
              outboxId: row.messageId,
              handler: row.handler,
              payload: payloads.get(row.messageId) ?? {},
            },
            opts: jobOptions(this.config, row.messageId, row.handler),
          })),
        );
        await withTimeout(publication, PUBLISH_TIMEOUT_MS, 'Publishing to Redis timed out');
        await em.nativeUpdate(OutboxDelivery, { id: { $in: rows.map((row) => row.id) } }, { publishedAt: new Date() });
        return rows.length;
      }),
    );
    if (Date.now() - this.lastPrune > 3600_000) {
      this.lastPrune = Date.now();
      await this.unitOfWork.run(() => pruneOutbox(this.unitOfWork.em));
    }
    return published;
  }
}
