import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A Stripe event already processed: a redelivery finds its id here and changes nothing (PAY-04). */
@Entity({ tableName: 'stripe_event' })
export class StripeEvent {
  @PrimaryKey({ type: 'string', length: 255 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  type!: string;

  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();
}
