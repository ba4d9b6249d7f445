import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A producer's Stripe Connect (Express) account, as its `account.updated` events describe it. */
@Entity({ tableName: 'producer_payout_account' })
export class ProducerPayoutAccount {
  [OptionalProps]?: 'chargesEnabled' | 'payoutsEnabled' | 'transfersActive' | 'updatedAt';

  /** The PRODUCER organization. */
  @PrimaryKey({ type: 'uuid' })
  producerId!: string;

  @Property({ type: 'string', length: 255, unique: 'producer_payout_account_stripe_unique' })
  stripeAccountId!: string;

  @Property({ type: 'boolean' })
  chargesEnabled: boolean = false;

  @Property({ type: 'boolean' })
  payoutsEnabled: boolean = false;

  /** The `transfers` capability is active: the platform may send it money. */
  @Property({ type: 'boolean' })
  transfersActive: boolean = false;

  /**
   * When Stripe wrote the account state held here: the `created` of the last `account.updated` applied. An event
   * older than it is stale (Stripe delivers out of order) and changes nothing (issue #20 item 9).
   */
  @Property({ type: 'datetime', nullable: true })
  stripeUpdatedAt?: Date;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
