import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PermanentJobError } from './job-handler';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobExecutor } from './job-executor';
import { OutboxDelivery } from './outbox-delivery.entity';
import { dispatchDueMessages } from './outbox-dispatch';
import { OutboxMessage } from './outbox-message.entity';
import { pruneOutbox } from './outbox-retention';
import { JOB_LIMITS, retryDelayMs } from './retry-policy';

const BATCH_SIZE = 20;

/**
 * Runs the outbox in the API process when there is no Redis (the embedded mode): polls for due messages and turns
 * them into deliveries (one per handler), claims each due delivery for a lease, runs it through the same executor as
 * the BullMQ worker, and retries failures with exponential back-off. A claim whose lease ran out without an outcome
 * is a stalled run (the process died or the job hung): it is run again once, then the delivery fails for good
 * (`JOB_LIMITS.maxStalls`), as BullMQ does with `maxStalledCount`; one older than `JOB_LIMITS.maxAgeMs` fails too.
 */
@Injectable()
export class InProcessJobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly executor: JobExecutor,
    private readonly registry: JobHandlerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log('No REDIS_URL: jobs run inside this process from the outbox');
    this.schedule();
  }

  /** Stops polling and lets the running jobs end while the database is still open (it closes in the next stage). */
  async beforeApplicationShutdown(): Promise<void> {
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

  /** Runs every delivery due now; returns how many it ran. */
  async runDueJobs(): Promise<number> {
    await dispatchDueMessages(this.unitOfWork, this.registry, {
      postgres: this.config.database.kind === 'postgresql',
    });
    await this.executor.failStale();
    // Each step below is a unit of its own (a claim, a run, the pruning): none holds the connection for the others.
    const { due, messages } = await this.unitOfWork.run(async () => {
      const em = this.unitOfWork.em;
      const due = await em.find(
        OutboxDelivery,
        { completedAt: null, failedAt: null, availableAt: { $lte: new Date() } },
        { orderBy: { id: 'asc' }, limit: BATCH_SIZE },
      );
      const messages = due.length
        ? await em.find(OutboxMessage, { id: { $in: [...new Set(due.map((delivery) => delivery.messageId))] } })
        : [];
      return { due, messages };
    });
    const payloads = new Map(messages.map((message) => [message.id, message.payload]));
    let ran = 0;
    for (const delivery of due) {
      if (this.stopped) break;
      const attempt = await this.claim(delivery);
      if (attempt === 0) continue;
      await this.runOne(delivery, payloads.get(delivery.messageId) ?? {}, attempt);
      ran++;
    }
    if (Date.now() - this.lastPrune > 3600_000) {
      this.lastPrune = Date.now();
      await this.unitOfWork.run(() => pruneOutbox(this.unitOfWork.em));
    }
    return ran;
  }

  /**
   * Takes the delivery for a lease; returns the attempt number, or 0 when another poll took it or it stalled too
   * often (then it is marked failed). A lease still set on a due delivery is one that ran out: the run stalled.
   */
  private claim(delivery: OutboxDelivery): Promise<number> {
    return this.unitOfWork.run(() => this.claimIn(this.unitOfWork.em, delivery));
  }

  private async claimIn(em: EntityManager, delivery: OutboxDelivery): Promise<number> {
    const now = Date.now();
    const unchanged = { id: delivery.id, attempts: delivery.attempts, completedAt: null, failedAt: null };
    const stalls = delivery.stalls + (delivery.leaseUntil ? 1 : 0);
    if (stalls > JOB_LIMITS.maxStalls) {
      const error = `Stalled ${stalls} times (its run started and never finished): not run again without a decision.`;
      const failed = await em.nativeUpdate(OutboxDelivery, unchanged, {
        failedAt: new Date(now),
        leaseUntil: null,
        stalls,
        lastError: error,
      });
      if (failed > 0)
        this.logger.error(
          { event: 'job.stalled', alert: true, deliveryId: delivery.id, stalls },
          'Job failed for good',
        );
      return 0;
    }
    const leaseUntil = new Date(now + JOB_LIMITS.leaseMs);
    const attempt = delivery.attempts + 1;
    const claimed = await em.nativeUpdate(OutboxDelivery, unchanged, {
      attempts: attempt,
      stalls,
      availableAt: leaseUntil,
      leaseUntil,
    });
    return claimed === 0 ? 0 : attempt;
  }

  private async runOne(delivery: OutboxDelivery, payload: Record<string, unknown>, attempt: number): Promise<void> {
    try {
      await this.executor.execute(
        {
          deliveryId: delivery.id,
          outboxId: delivery.messageId,
          topic: delivery.topic,
          handler: delivery.handler,
          payload,
        },
        attempt,
      );
    } catch (error) {
      const final = error instanceof PermanentJobError || attempt >= this.config.jobs.attempts;
      const retryAt = final ? 'never' : new Date(Date.now() + retryDelayMs(attempt, this.config.jobs.backoffMs));
      await this.executor.recordFailure(delivery.id, attempt, error, retryAt);
    }
  }
}
