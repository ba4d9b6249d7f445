import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * One outbox message (a fact) handed to one of the handlers that subscribe to its topic. Each delivery has its own
 * completion, retries and idempotency key (`outbox-<messageId>:<handler>`), so one handler's failure neither blocks
 * nor repeats another's. Deliveries are created when the message falls due (the relay or the in-process runner
 * dispatches it); `completedAt` is set in the same transaction as the handler's own writes, which is what makes a
 * handler's database effects happen exactly once however often its delivery is run.
 */
@Entity({ tableName: 'outbox_delivery' })
@Unique({ name: 'outbox_delivery_message_handler_unique', properties: ['messageId', 'handler'] })
@Index({ name: 'outbox_delivery_pending_idx', properties: ['completedAt', 'failedAt', 'availableAt'] })
@Index({ name: 'outbox_delivery_failed_idx', properties: ['failedAt'] })
export class OutboxDelivery {
  [OptionalProps]?: 'createdAt' | 'availableAt' | 'dueSince' | 'attempts' | 'stalls';

  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @Property({ type: new BigIntType('number') })
  messageId!: number;

  /** The handler's name (its `@HandlesJob` name, by default its class name). */
  @Property({ type: 'string', length: 120 })
  handler!: string;

  /** The message's topic, copied for the lists of support. */
  @Property({ type: 'string', length: 120 })
  topic!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /**
   * When this delivery fell due (its creation, or support's decision to run it again): a delivery not done within
   * the job age limit ends failed, never run days later when Stripe no longer knows its idempotency keys.
   */
  @Property({ type: 'datetime' })
  dueSince: Date = new Date();

  /** Not before this instant: the retry back-off, or the claim lease of the in-process runner. */
  @Property({ type: 'datetime' })
  availableAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date;

  /** The in-process runner's claim, until the attempt's outcome is recorded: past it, the runner died mid-job. */
  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date;

  /** How many times an attempt was started and never finished (its runner died or hung past its lease). */
  @Property({ type: 'integer' })
  stalls: number = 0;

  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  failedAt?: Date;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string;
}
