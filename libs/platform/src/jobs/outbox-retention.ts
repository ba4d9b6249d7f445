import type { EntityManager } from '@mikro-orm/sql';
import { OutboxDelivery } from './outbox-delivery.entity';
import { JOB_RETENTION } from './retry-policy';

/**
 * Deletes the deliveries that finished (done or failed) longer ago than the retention period, then the messages
 * dispatched before it that have no delivery left.
 */
export async function pruneOutbox(em: EntityManager, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - JOB_RETENTION.outboxDays * 24 * 3600_000);
  const deliveries = await em.nativeDelete(OutboxDelivery, {
    $or: [{ completedAt: { $lt: before } }, { failedAt: { $lt: before } }],
  });
  await em
    .getConnection()
    .execute(
      'delete from outbox_message where dispatched_at < ? and not exists (select 1 from outbox_delivery d where d.message_id = outbox_message.id)',
      [before],
    );
  return deliveries;
}
