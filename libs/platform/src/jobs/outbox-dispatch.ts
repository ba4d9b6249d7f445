import { LockMode } from '@mikro-orm/core';
import type { UnitOfWork } from '../database/unit-of-work';
import type { JobHandlerRegistry } from './job-handler-registry';
import { OutboxDelivery } from './outbox-delivery.entity';
import { OutboxMessage } from './outbox-message.entity';

const BATCH_SIZE = 100;

/** The delivery recorded for a message whose topic no handler subscribes to: failed at once, for support to see. */
export const NO_HANDLER = '-';

/**
 * Turns the due messages into deliveries, one per handler subscribed to the topic, in one transaction of its own
 * (committed before anything is published, so that a worker never receives a delivery it cannot see yet). Several
 * dispatchers may run: on PostgreSQL `FOR UPDATE SKIP LOCKED` gives each message to one of them. Returns how many
 * messages it dispatched.
 */
export async function dispatchDueMessages(
  unitOfWork: UnitOfWork,
  registry: JobHandlerRegistry,
  { postgres, now = new Date() }: { postgres: boolean; now?: Date },
): Promise<number> {
  return unitOfWork.run(() =>
    unitOfWork.transactional(async (em) => {
      const messages = await em.find(
        OutboxMessage,
        { dispatchedAt: null, availableAt: { $lte: now } },
        {
          orderBy: { id: 'asc' },
          limit: BATCH_SIZE,
          fields: ['id', 'topic', 'createdAt'],
          ...(postgres && { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE }),
        },
      );
      if (messages.length === 0) return 0;
      const rows = messages.flatMap((message) => {
        const subscribers = registry.subscribers(message.topic);
        if (subscribers.length === 0) {
          return [
            {
              messageId: message.id,
              handler: NO_HANDLER,
              topic: message.topic,
              createdAt: now,
              dueSince: now,
              availableAt: now,
              failedAt: now,
              lastError: `No handler for the job topic "${message.topic}".`,
            },
          ];
        }
        return subscribers.map(({ name }) => ({
          messageId: message.id,
          handler: name,
          topic: message.topic,
          createdAt: now,
          dueSince: now,
          availableAt: now,
        }));
      });
      await em.insertMany(OutboxDelivery, rows as never[]);
      await em.nativeUpdate(
        OutboxMessage,
        { id: { $in: messages.map((message) => message.id) }, dispatchedAt: null },
        { dispatchedAt: now },
      );
      return messages.length;
    }),
  );
}
