import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What one producer receives for one supplier order paid by card, and what the buyer and the producer gave back since. */
@Check({
  name: 'producer_transfer_amounts_check',
  expression:
    'amount_cents >= 0 and commission_cents >= 0 and refunded_cents >= 0 and reversed_cents >= 0 and retransferred_cents >= 0',
})
@Entity({ tableName: 'producer_transfer' })
export class ProducerTransfer {
  [OptionalProps]?: 'refundedCents' | 'reversedCents' | 'retransferredCents' | 'createdAt' | 'stripeTransferId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', index: 'producer_transfer_order_idx' })
  orderId!: string;

  @Property({ type: 'uuid', unique: 'producer_transfer_supplier_order_unique' })
  supplierOrderId!: string;

  @Property({ type: 'uuid' })
  producerId!: string;

  @Property({ type: 'integer' })
  amountCents!: number;

  @Property({ type: 'integer' })
  commissionCents!: number;

  @Property({ type: 'string', length: 255, nullable: true })
  stripeTransferId?: string;

  /** Of this supplier order's total, how much the buyer got back (cancellation, refunds): see refund-allocation.ts. */
  @Property({ type: 'integer' })
  refundedCents: number = 0;

  /**
   * What the producer gave back of `amountCents`: reversed at Stripe, or withheld from a transfer not made yet (a
   * refund while it failed or waited; the transfer then goes out at `amountCents` less what was withheld).
   */
  @Property({ type: 'integer' })
  reversedCents: number = 0;

  /**
   * What the producer got back of its reversals when a dispute was won (PAY-17): transferred again, or, for a
   * transfer not made yet, added to it. What it holds is `amountCents − reversedCents + retransferredCents`.
   */
  @Property({ type: 'integer' })
  retransferredCents: number = 0;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
