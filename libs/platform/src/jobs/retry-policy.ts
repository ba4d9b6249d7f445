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

/**
 * When a job that does not finish stops being run (RELIABILITY.md JOB-04, issue #20 item 8). A run whose worker dies
 * or hangs is started again once (`maxStalls`, BullMQ's `maxStalledCount`), then the job fails for good. A job not
 * done `maxAgeMs` after falling due fails too, whatever its attempts: Stripe keeps idempotency keys 24 h, so a job run
 * later could pay or refund twice. Support sees both on the failed-jobs list and runs them again by decision.
 */
export const JOB_LIMITS = {
  /** How long the in-process runner's claim hides a job from other polls; past it, the run counts as stalled. */
  leaseMs: 5 * 60_000,
  maxStalls: 1,
  maxAgeMs: 12 * 3600_000,
} as const;
