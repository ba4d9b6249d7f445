import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A side effect to run after a business transaction commits, written in that same transaction.
 * The row is the job's durable record: published to BullMQ (`publishedAt`), then done (`completedAt`) or given up
 * (`failedAt`). `completedAt` is set in the same transaction as the handler's own writes, which is what makes a
 * handler's database effects happen exactly once however often BullMQ delivers the job.
 */
@Entity({ tableName: 'outbox_message' })
@Index({ name: 'outbox_message_pending_idx', properties: ['completedAt', 'failedAt', 'availableAt'] })
export class OutboxMessage {
  [OptionalProps]?: 'createdAt' | 'availableAt' | 'attempts';

  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 120 })
  topic!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Not before this instant (retry back-off of the in-process runner). */
  @Property({ type: 'datetime' })
  availableAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  failedAt?: Date;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string;
}
