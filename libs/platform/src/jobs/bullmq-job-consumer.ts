import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { createRedisConnection } from '../redis/redis-connection';
import { PermanentJobError } from './job-handler';
import { JobExecutor } from './job-executor';
import { JOB_QUEUE_NAME, queueOptions, type QueuedJobData } from './job-queue';
import { JOB_LIMITS } from './retry-policy';

/** Consumes the BullMQ queue in `apps/worker` and runs each job through the shared executor. */
@Injectable()
export class BullmqJobConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private connection?: Redis;
  private worker?: Worker<QueuedJobData>;

  constructor(
    private readonly executor: JobExecutor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { jobs } = this.config;
    this.connection = createRedisConnection(this.config.redis!.url, 'blocking');
    this.worker = new Worker<QueuedJobData>(JOB_QUEUE_NAME, (job) => this.process(job), {
      connection: this.connection,
      ...queueOptions(this.config),
      concurrency: jobs.concurrency,
      lockDuration: jobs.lockDurationMs,
      stalledInterval: jobs.stalledIntervalMs,
      maxStalledCount: JOB_LIMITS.maxStalls,
    });
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'Worker connection problem'));
    this.logger.log(`Consuming the "${JOB_QUEUE_NAME}" queue with concurrency ${jobs.concurrency}`);
  }

  /**
   * Takes no new job and lets the active ones finish (RELIABILITY.md JOB-06) before any module closes: the database
   * they write to closes in the shutdown stage after this one. A job that cannot finish before the process is killed
   * is picked up again as stalled by another worker.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  onApplicationShutdown(): void {
    this.connection?.disconnect();
  }

  private async process(job: Job<QueuedJobData>): Promise<string> {
    // A job published before deliveries existed: its message was dispatched again by the migration.
    if (job.data.deliveryId === undefined) return 'superseded';
    try {
      return await this.executor.execute(
        {
          deliveryId: job.data.deliveryId,
          outboxId: job.data.outboxId,
          topic: job.name,
          handler: job.data.handler,
          payload: job.data.payload,
        },
        job.attemptsMade + 1,
      );
    } catch (error) {
      if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /**
   * Records each failed attempt on the delivery. A job that stalled more than `maxStalledCount` times (its worker
   * died or hung past its lock) is failed by BullMQ with an `UnrecoverableError` at its next start: final, so the
   * delivery ends failed for support and is never published again.
   */
  private async onFailed(job: Job<QueuedJobData> | undefined, error: Error): Promise<void> {
    if (!job || job.data.deliveryId === undefined) return;
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= attempts;
    const retryAt = final ? 'never' : new Date(Date.now() + (job.delay || 0));
    await this.executor
      .recordFailure(job.data.deliveryId, job.attemptsMade, error, retryAt)
      .catch((err) => this.logger.error({ err }, 'Cannot record a job failure'));
  }
}
