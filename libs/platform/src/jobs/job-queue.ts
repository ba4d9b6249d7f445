import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { JOB_RETENTION } from './retry-policy';

/** One BullMQ queue carries every outbox topic; the job name is the topic. */
export const JOB_QUEUE_NAME = 'jobs';

export interface QueuedJobData {
  outboxId: number;
  payload: Record<string, unknown>;
}

export function queueOptions(config: AppConfig): { prefix: string } {
  return { prefix: config.redis?.prefix ?? 'ancrage' };
}

export function jobOptions(config: AppConfig, outboxId: number): JobsOptions {
  return {
    // Deduplicates publications of the same row while BullMQ retains the job (bullmq job ids may not contain ':').
    jobId: `outbox-${outboxId}`,
    attempts: config.jobs.attempts,
    backoff: { type: 'exponential', delay: config.jobs.backoffMs, jitter: 0.2 },
    removeOnComplete: { age: JOB_RETENTION.completed.ageSeconds, count: JOB_RETENTION.completed.count },
    removeOnFail: { age: JOB_RETENTION.failed.ageSeconds },
  };
}
