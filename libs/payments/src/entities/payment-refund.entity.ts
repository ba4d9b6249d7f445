import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Money given back to a card buyer: a cancelled supplier order, or a refund decided by a platform admin. */
@Check({ name: 'payment_refund_amount_check', expression: 'amount_cents >= 0' })
@Entity({ tableName: 'payment_refund' })
export class PaymentRefund {
  [OptionalProps]?: 'createdAt' | 'stripeRefundId' | 'supplierOrderId' | 'reason';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', index: 'payment_refund_payment_idx' })
  paymentId!: string;

  /** The cancelled supplier order it refunds; none for an admin's refund. */
  @Property({ type: 'uuid', nullable: true, unique: 'payment_refund_supplier_order_unique' })
  supplierOrderId?: string;

  @Property({ type: 'integer' })
  amountCents!: number;

  @Property({ type: 'string', length: 255, nullable: true })
  stripeRefundId?: string;

  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
