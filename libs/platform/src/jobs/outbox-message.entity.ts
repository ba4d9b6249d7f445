import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A fact to act on after a business transaction commits, written in that same transaction: one message, whatever the
 * number of handlers that subscribe to its topic. Once due (`availableAt`), the relay or the in-process runner
 * dispatches it (`dispatchedAt`): one `OutboxDelivery` per handler, each run, retried and completed on its own.
 */
@Entity({ tableName: 'outbox_message' })
@Index({ name: 'outbox_message_undispatched_idx', properties: ['dispatchedAt', 'availableAt'] })
export class OutboxMessage {
  [OptionalProps]?: 'createdAt' | 'availableAt';

  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 120 })
  topic!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Not before this instant (a delayed job): its deliveries are created then. */
  @Property({ type: 'datetime' })
  availableAt: Date = new Date();

  /** When its deliveries were created, one per handler of the topic. */
  @Property({ type: 'datetime', nullable: true })
  dispatchedAt?: Date;
}
