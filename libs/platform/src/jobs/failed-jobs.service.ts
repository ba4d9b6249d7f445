import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AppError } from '../errors/app-error';
import { type KeysetPage, keysetPage } from '../graphql/keyset-page';
import { createRedisConnection } from '../redis/redis-connection';
import { jobKeyOf } from './job-executor';
import { JOB_QUEUE_NAME, queueOptions, type QueuedJobData } from './job-queue';
import { OutboxMessage } from './outbox-message.entity';

/**
 * The jobs given up for good: outbox rows with `failedAt` (their last attempt failed, or their handler said retrying
 * cannot help). Support lists them and runs one again once the cause is fixed: the row goes back to the outbox as new
 * (attempts from zero), and the relay, or the in-process runner, delivers it again. BullMQ keeps a failed job under
 * the same id for a week; it is removed first, or the new publication would be a no-op.
 */
@Injectable()
export class FailedJobs implements OnApplicationShutdown {
  private queue?: { connection: Redis; queue: Queue<QueuedJobData> };

  constructor(
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.queue) return;
    await this.queue.queue.close().catch(() => undefined);
    this.queue.connection.disconnect();
  }

  /** Newest failure first. */
  page(first: number, after?: string | null): Promise<KeysetPage<OutboxMessage>> {
    return keysetPage(this.orm.em.fork(), OutboxMessage, { failedAt: { $ne: null } }, first, after, {
      time: 'failedAt',
      numericId: true,
    });
  }

  /** Puts a failed job back in the outbox, in `em`'s transaction (with its audit entry); NOT_FOUND unless it failed. */
  async retry(em: EntityManager, id: string): Promise<OutboxMessage> {
    const outboxId = /^\d{1,15}$/.test(id) ? Number(id) : NaN;
    const message = Number.isSafeInteger(outboxId)
      ? await em.findOne(OutboxMessage, { id: outboxId, failedAt: { $ne: null } })
      : null;
    if (!message) throw AppError.notFound('Failed job');
    await this.forgetInQueue(outboxId);
    const now = new Date();
    const reset = await em.nativeUpdate(
      OutboxMessage,
      { id: outboxId, failedAt: { $ne: null } },
      { failedAt: null, completedAt: null, publishedAt: null, attempts: 0, availableAt: now },
    );
    if (reset === 0) throw AppError.notFound('Failed job');
    return em.findOneOrFail(OutboxMessage, outboxId, { refresh: true });
  }

  private async forgetInQueue(outboxId: number): Promise<void> {
    if (!this.config.redis) return;
    this.queue ??= (() => {
      const connection = createRedisConnection(this.config.redis!.url, 'request');
      const queue = new Queue<QueuedJobData>(JOB_QUEUE_NAME, { connection, ...queueOptions(this.config) });
      queue.on('error', () => undefined);
      return { connection, queue };
    })();
    await this.queue.queue.remove(jobKeyOf(outboxId));
  }
}
