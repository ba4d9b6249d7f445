import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PermanentJobError } from './job-handler';
import { JobExecutor } from './job-executor';
import { OutboxMessage } from './outbox-message.entity';
import { pruneOutbox } from './outbox-retention';
import { retryDelayMs } from './retry-policy';

/** How long a claimed job is hidden from other pollers while it runs. */
const CLAIM_LEASE_MS = 5 * 60_000;
const BATCH_SIZE = 20;

/**
 * Runs the outbox in the API process when there is no Redis (the embedded mode): polls for due rows, claims each,
 * runs it through the same executor as the BullMQ worker, and retries failures with exponential back-off.
 */
@Injectable()
export class InProcessJobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly executor: JobExecutor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log('No REDIS_URL: jobs run inside this process from the outbox');
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runDueJobs()
        .then(() => undefined)
        .catch((error) => this.logger.error({ err: error }, 'Outbox poll failed'))
        .finally(() => this.schedule());
    }, this.config.jobs.pollIntervalMs);
  }

  /** Runs every job due now; returns how many it ran. */
  async runDueJobs(): Promise<number> {
    const em = this.orm.em.fork();
    const due = await em.find(
      OutboxMessage,
      { completedAt: null, failedAt: null, availableAt: { $lte: new Date() } },
      { orderBy: { id: 'asc' }, limit: BATCH_SIZE },
    );
    let ran = 0;
    for (const message of due) {
      if (this.stopped) break;
      const attempt = message.attempts + 1;
      const claimed = await em.nativeUpdate(
        OutboxMessage,
        { id: message.id, attempts: message.attempts, completedAt: null },
        { attempts: attempt, availableAt: new Date(Date.now() + CLAIM_LEASE_MS) },
      );
      if (claimed === 0) continue;
      await this.runOne(message, attempt);
      ran++;
    }
    if (Date.now() - this.lastPrune > 3600_000) {
      this.lastPrune = Date.now();
      await pruneOutbox(em);
    }
    return ran;
  }

  private async runOne(message: OutboxMessage, attempt: number): Promise<void> {
    try {
      await this.executor.execute({ outboxId: message.id, topic: message.topic, payload: message.payload }, attempt);
    } catch (error) {
      const final = error instanceof PermanentJobError || attempt >= this.config.jobs.attempts;
      const retryAt = final ? 'never' : new Date(Date.now() + retryDelayMs(attempt, this.config.jobs.backoffMs));
      await this.executor.recordFailure(message.id, attempt, error, retryAt);
    }
  }
}
