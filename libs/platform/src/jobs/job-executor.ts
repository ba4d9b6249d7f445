import { Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { PermanentJobError } from './job-handler';
import { JobHandlerRegistry } from './job-handler-registry';
import { OutboxMessage } from './outbox-message.entity';

export interface JobToRun {
  outboxId: number;
  topic: string;
  payload: Record<string, unknown>;
}

export type JobOutcome = 'done' | 'already-done';

export const jobKeyOf = (outboxId: number) => `outbox-${outboxId}`;

/**
 * Runs one job with its handler, whoever delivered it (the BullMQ worker or the in-process runner).
 * The outbox row is marked done in the handler's own transaction: the row lock serialises concurrent deliveries
 * of the same job and a second delivery finds it done, so the handler's database effects happen once.
 */
@Injectable()
export class JobExecutor {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly orm: MikroORM,
    private readonly registry: JobHandlerRegistry,
  ) {}

  async execute(job: JobToRun, attempt: number): Promise<JobOutcome> {
    const handler = this.registry.get(job.topic);
    if (!handler) throw new PermanentJobError(`No handler for the job topic "${job.topic}".`);
    const em = this.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const claimed = await tx.nativeUpdate(
        OutboxMessage,
        { id: job.outboxId, completedAt: null, failedAt: null },
        { completedAt: new Date(), attempts: attempt, lastError: null },
      );
      if (claimed === 0) return 'already-done';
      await handler.handle(job.payload, { jobKey: jobKeyOf(job.outboxId), attempt, em: tx });
      return 'done';
    });
  }

  /** Records a failed attempt; a final one marks the job failed so that nothing delivers it again. */
  async recordFailure(outboxId: number, attempt: number, error: unknown, retryAt: Date | 'never'): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const final = retryAt === 'never';
    await this.orm.em.fork().nativeUpdate(
      OutboxMessage,
      { id: outboxId, completedAt: null },
      {
        attempts: attempt,
        lastError: message.slice(0, 2000),
        ...(final ? { failedAt: new Date() } : { availableAt: retryAt }),
      },
    );
    const log = { outboxId, attempt, error: message };
    if (final) this.logger.error(log, 'Job failed for good');
    else this.logger.warn(log, 'Job failed, will retry');
  }
}
