import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { PermanentJobError } from './job-handler';
import { JobHandlerRegistry } from './job-handler-registry';
import { OutboxDelivery } from './outbox-delivery.entity';
import { JOB_LIMITS } from './retry-policy';

/** One delivery of a message to one handler, as the BullMQ worker or the in-process runner hands it over. */
export interface JobToRun {
  deliveryId: number;
  outboxId: number;
  topic: string;
  handler: string;
  payload: Record<string, unknown>;
}

export type JobOutcome = 'done' | 'already-done';

/** The idempotency key of a delivery, given to its handler (`outbox-<messageId>:<handler>`). */
export const jobKeyOf = (outboxId: number, handler: string) => `outbox-${outboxId}:${handler}`;

/** The BullMQ job id of a delivery: its key, spelled without ':' (BullMQ job ids may not contain one). */
export const queueJobIdOf = (outboxId: number, handler: string) => `outbox-${outboxId}-${handler}`;

/** A delivery due before this instant and not done yet is too old to run (`JOB_LIMITS.maxAgeMs`). */
export function staleBefore(now = new Date()): Date {
  return new Date(now.getTime() - JOB_LIMITS.maxAgeMs);
}

/**
 * Runs one delivery with its handler, whoever hands it over (the BullMQ worker or the in-process runner).
 * The delivery row is marked done in the handler's own transaction: the row lock serialises concurrent runs of the
 * same delivery and a second run finds it done, so the handler's database effects happen once. A delivery older than
 * the job age limit is not run: it fails for good (support decides), since the idempotency keys of the services it
 * calls (Stripe keeps them 24 h) may have expired and running it could repeat its effect.
 */
@Injectable()
export class JobExecutor {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly registry: JobHandlerRegistry,
  ) {}

  async execute(job: JobToRun, attempt: number): Promise<JobOutcome> {
    const handler = this.registry.get(job.topic, job.handler);
    if (!handler) throw new PermanentJobError(`No handler "${job.handler}" for the job topic "${job.topic}".`);
    // Each run is a unit of its own, whoever hands it over: the handler and every service it calls read its transaction.
    return this.unitOfWork.run(() =>
      this.unitOfWork.transactional(async (tx) => {
        const now = new Date();
        const claimed = await tx.nativeUpdate(
          OutboxDelivery,
          { id: job.deliveryId, completedAt: null, failedAt: null, dueSince: { $gte: staleBefore(now) } },
          { completedAt: now, attempts: attempt, lastError: null, leaseUntil: null },
        );
        if (claimed === 0) {
          const pending = await tx.count(OutboxDelivery, { id: job.deliveryId, completedAt: null, failedAt: null });
          if (pending > 0) throw new PermanentJobError(this.tooOld());
          return 'already-done';
        }
        await handler.handle(job.payload, { jobKey: jobKeyOf(job.outboxId, job.handler), attempt, em: tx });
        return 'done' as const;
      }),
    );
  }

  /** Records a failed attempt; a final one marks the delivery failed so that nothing runs it again. */
  async recordFailure(deliveryId: number, attempt: number, error: unknown, retryAt: Date | 'never'): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const final = retryAt === 'never';
    // A unit of its own: the run's transaction was rolled back.
    await this.unitOfWork.run(() =>
      this.unitOfWork.em.nativeUpdate(
        OutboxDelivery,
        { id: deliveryId, completedAt: null },
        {
          attempts: attempt,
          lastError: message.slice(0, 2000),
          leaseUntil: null,
          ...(final ? { failedAt: new Date() } : { availableAt: retryAt }),
        },
      ),
    );
    const log = { deliveryId, attempt, error: message };
    if (final) this.logger.error({ ...log, alert: true }, 'Job failed for good');
    else this.logger.warn(log, 'Job failed, will retry');
  }

  /** Marks failed the pending deliveries that fell due longer ago than the job age limit; returns how many. */
  async failStale(now = new Date()): Promise<number> {
    const failed = await this.unitOfWork.run(() =>
      this.unitOfWork.em.nativeUpdate(
        OutboxDelivery,
        { completedAt: null, failedAt: null, dueSince: { $lt: staleBefore(now) } },
        { failedAt: now, leaseUntil: null, lastError: this.tooOld() },
      ),
    );
    if (failed > 0) this.logger.error({ event: 'job.stale', alert: true, count: failed }, 'Jobs failed as too old');
    return failed;
  }

  private tooOld(): string {
    const hours = JOB_LIMITS.maxAgeMs / 3600_000;
    return `Not done within ${hours} h of falling due: not run again without a decision (its idempotency keys may have expired).`;
  }
}
