import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What a dispute took of one supplier order, and its producer's share of it (refund-allocation.ts's rule). */
export interface DisputedPart {
  supplierOrderId: string;
  refundCents: number;
  reversalCents: number;
}

/**
 * What the producer of a supplier order gives back of a dispute (while open, and for good once lost): its part's
 * transfer reversal, as the dispute computed it when it opened (refund-allocation.ts's rule); 0 for a part the
 * dispute took nothing of.
 */
export const producerShareOf = (dispute: { parts: readonly DisputedPart[] }, supplierOrderId: string): number =>
  dispute.parts.find((part) => part.supplierOrderId === supplierOrderId)?.reversalCents ?? 0;

/** Where a dispute stands for us: open (its amount already debited by Stripe), then won or lost. */
export type DisputeOutcome = 'OPEN' | 'WON' | 'LOST';

/**
 * A chargeback on a card payment (PAY-17): the buyer's bank took `amountCents` back from the platform, and the
 * producers paid by that charge gave back their share (`parts`) until the dispute closes. Stripe allows one dispute
 * per charge, so one per payment.
 */
@Check({ name: 'payment_dispute_amount_check', expression: 'amount_cents >= 0 and disputed_cents >= 0' })
@Entity({ tableName: 'payment_dispute' })
export class PaymentDispute {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'reason' | 'parts' | 'disputedCents';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', unique: 'payment_dispute_payment_unique' })
  paymentId!: string;

  @Property({ type: 'string', length: 255, unique: 'payment_dispute_stripe_unique' })
  stripeDisputeId!: string;

  /** What the bank disputes, as Stripe says. */
  @Property({ type: 'integer' })
  amountCents!: number;

  /** Of it, what was left of the payment (not refunded already): what the parts and producers give back. */
  @Property({ type: 'integer' })
  disputedCents: number = 0;

  /** Stripe's status (`needs_response`, `under_review`, `won`, `lost`…), as of the last event applied. */
  @Property({ type: 'string', length: 50 })
  status!: string;

  @Property({ type: 'string', length: 10 })
  outcome!: DisputeOutcome;

  /** Stripe's reason (`fraudulent`, `product_not_received`…). */
  @Property({ type: 'string', length: 50, nullable: true })
  reason?: string;

  @Property({ type: 'json' })
  parts: DisputedPart[] = [];

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
