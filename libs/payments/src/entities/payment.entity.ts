import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PaymentStatus } from '../card/payment-state';

/**
 * The payment of one order: a Stripe PaymentIntent on the platform account for a card, or the order's invoices.
 * Only a verified webhook moves a card payment to SUCCEEDED.
 */
@Check({
  name: 'payment_amounts_check',
  expression: 'amount_cents >= 0 and refunded_cents >= 0 and refunded_cents <= amount_cents',
})
@Entity({ tableName: 'payment' })
export class Payment {
  [OptionalProps]?: 'status' | 'refundedCents' | 'supplierOrderIds' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', unique: 'payment_order_unique' })
  orderId!: string;

  @Property({ type: 'string', length: 10 })
  method!: 'CARD' | 'INVOICE';

  @Enum({ items: () => PaymentStatus })
  status: PaymentStatus = PaymentStatus.PENDING;

  /** What the buyer pays: the order's total, computed by the server (PAY-14). */
  @Property({ type: 'integer' })
  amountCents!: number;

  @Property({ type: 'integer' })
  refundedCents: number = 0;

  /** The supplier orders the amount pays for (those not cancelled when the payment started). */
  @Property({ type: 'json' })
  supplierOrderIds: string[] = [];

  @Property({ type: 'string', length: 255, nullable: true, unique: 'payment_intent_unique' })
  paymentIntentId?: string;

  /** Handed to the buyer's browser to confirm the PaymentIntent; the same one for every call (PAY-13). */
  @Property({ type: 'string', length: 255, nullable: true })
  clientSecret?: string;

  /**
   * The platform's commission in basis points, fixed when the card payment started (the rate then in force); null
   * for invoice payments and for card payments started before rates were recorded (the setting applies).
   */
  @Property({ type: 'integer', nullable: true })
  commissionBasisPoints?: number | null;

  /** The charge transfers are funded from (`source_transaction`). */
  @Property({ type: 'string', length: 255, nullable: true, index: 'payment_charge_idx' })
  chargeId?: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
