import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { queueJobIdOf } from './job-executor';
import { JOB_RETENTION } from './retry-policy';

/** One BullMQ queue carries every outbox topic: one job per delivery (message × handler), named after the topic. */
export const JOB_QUEUE_NAME = 'jobs';

export interface QueuedJobData {
  deliveryId: number;
  outboxId: number;
  handler: string;
  payload: Record<string, unknown>;
}

export function queueOptions(config: AppConfig): { prefix: string } {
  return { prefix: config.redis?.prefix ?? 'ancrage' };
}

export function jobOptions(config: AppConfig, outboxId: number, handler: string): JobsOptions {
  return {
    // Deduplicates publications of the same delivery while BullMQ retains the job.
    jobId: queueJobIdOf(outboxId, handler),
    attempts: config.jobs.attempts,
    backoff: { type: 'exponential', delay: config.jobs.backoffMs, jitter: 0.2 },
    removeOnComplete: { age: JOB_RETENTION.completed.ageSeconds, count: JOB_RETENTION.completed.count },
    removeOnFail: { age: JOB_RETENTION.failed.ageSeconds },
  };
}
