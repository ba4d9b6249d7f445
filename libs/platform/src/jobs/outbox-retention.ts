import type { EntityManager } from '@mikro-orm/core';
import { OutboxMessage } from './outbox-message.entity';
import { JOB_RETENTION } from './retry-policy';

/** Deletes outbox rows that finished (done or failed) longer ago than the retention period. */
export async function pruneOutbox(em: EntityManager, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - JOB_RETENTION.outboxDays * 24 * 3600_000);
  return em.nativeDelete(OutboxMessage, {
    $or: [{ completedAt: { $lt: before } }, { failedAt: { $lt: before } }],
  });
}
