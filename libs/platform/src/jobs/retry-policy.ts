/**
 * Exponential back-off with jitter, the same curve BullMQ applies in the worker: base × 2^(attempt−1),
 * spread by ±jitter so that jobs failing together do not retry together.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  jitter = 0.2,
  random: () => number = Math.random,
): number {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(exponential * (1 - jitter + 2 * jitter * random()));
}

/** How long the jobs that ran to completion or to their final failure stay visible, per RELIABILITY.md §4. */
export const JOB_RETENTION = {
  completed: { ageSeconds: 24 * 3600, count: 10_000 },
  failed: { ageSeconds: 7 * 24 * 3600 },
  /** Outbox rows done or failed are pruned from the database after this many days. */
  outboxDays: 7,
} as const;
