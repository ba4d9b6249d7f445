import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { AppError } from '../errors/app-error';
import { type KeysetPage, keysetPage } from '../graphql/keyset-page';
import { createRedisConnection } from '../redis/redis-connection';
import { queueJobIdOf } from './job-executor';
import { JOB_QUEUE_NAME, queueOptions, type QueuedJobData } from './job-queue';
import { OutboxDelivery } from './outbox-delivery.entity';

/**
 * The jobs given up for good: deliveries with `failedAt` (their last attempt failed, their handler said retrying
 * cannot help, they stalled too often or outlived the job age limit). Support lists them and runs one again once the
 * cause is fixed: the delivery goes back to the outbox as new (attempts and age from zero), and the relay, or the
 * in-process runner, runs it again; the other handlers of the same message are not run again. BullMQ keeps a failed
 * job under the same id for a week; it is removed first, or the new publication would be a no-op.
 */
@Injectable()
export class FailedJobs implements OnApplicationShutdown {
  private queue?: { connection: Redis; queue: Queue<QueuedJobData> };

  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.queue) return;
    await this.queue.queue.close().catch(() => undefined);
    this.queue.connection.disconnect();
  }

  /** Newest failure first. */
  page(first: number, after?: string | null): Promise<KeysetPage<OutboxDelivery>> {
    return keysetPage(this.unitOfWork.em, OutboxDelivery, { failedAt: { $ne: null } }, first, after, {
      time: 'failedAt',
      numericId: true,
    });
  }

  /** Puts a failed job back in the outbox, in `em`'s transaction (with its audit entry); NOT_FOUND unless it failed. */
  async retry(em: EntityManager, id: string): Promise<OutboxDelivery> {
    const deliveryId = /^\d{1,15}$/.test(id) ? Number(id) : NaN;
    const delivery = Number.isSafeInteger(deliveryId)
      ? await em.findOne(OutboxDelivery, { id: deliveryId, failedAt: { $ne: null } })
      : null;
    if (!delivery) throw AppError.notFound('Failed job');
    await this.forgetInQueue(queueJobIdOf(delivery.messageId, delivery.handler));
    const now = new Date();
    const reset = await em.nativeUpdate(
      OutboxDelivery,
      { id: deliveryId, failedAt: { $ne: null } },
      {
        failedAt: null,
        completedAt: null,
        publishedAt: null,
        leaseUntil: null,
        attempts: 0,
        stalls: 0,
        availableAt: now,
        dueSince: now,
      },
    );
    if (reset === 0) throw AppError.notFound('Failed job');
    return em.findOneOrFail(OutboxDelivery, deliveryId, { refresh: true });
  }

  private async forgetInQueue(jobId: string): Promise<void> {
    if (!this.config.redis) return;
    this.queue ??= (() => {
      const connection = createRedisConnection(this.config.redis!.url, 'request');
      const queue = new Queue<QueuedJobData>(JOB_QUEUE_NAME, { connection, ...queueOptions(this.config) });
      queue.on('error', () => undefined);
      return { connection, queue };
    })();
    await this.queue.queue.remove(jobId);
  }
}
