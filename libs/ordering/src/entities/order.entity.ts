import { randomUUID } from 'node:crypto';
import { Collection, OptionalProps } from '@mikro-orm/core';
import {
  Check,
  Embedded,
  Entity,
  Enum,
  Index,
  OneToMany,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/decorators/legacy';
import { Address } from '@app/identity';
import { SupplierOrder } from './supplier-order.entity';

export enum SalesChannel {
  /** A business buying for its organization: B2B tier prices. */
  B2B = 'B2B',
  /** A person buying for themselves: consumer prices. */
  B2C = 'B2C',
}

export enum PaymentMethod {
  CARD = 'CARD',
  /** Businesses only: payment due 30 days after delivery. */
  INVOICE = 'INVOICE',
}

/** One checkout. Its money and carbon figures are the sums of its supplier orders'. */
@Check({
  name: 'customer_order_amounts_check',
  expression: 'subtotal_cents >= 0 and vat_cents >= 0 and total_cents >= 0',
})
@Entity({ tableName: 'customer_order' })
@Unique({ name: 'customer_order_idempotency_unique', properties: ['buyerUserId', 'idempotencyKey'] })
@Index({ name: 'customer_order_buyer_user_idx', properties: ['buyerUserId', 'createdAt'] })
@Index({ name: 'customer_order_buyer_org_idx', properties: ['buyerOrganizationId', 'createdAt'] })
export class Order {
  [OptionalProps]?: 'createdAt' | 'supplierOrders';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** What people read and say on the phone. */
  @Property({ type: 'string', length: 20, unique: 'customer_order_number_unique' })
  number!: string;

  @Property({ type: 'uuid' })
  buyerUserId!: string;

  /** The BUSINESS organization buying, absent for a consumer. */
  @Property({ type: 'uuid', nullable: true })
  buyerOrganizationId?: string;

  @Enum({ items: () => SalesChannel })
  channel!: SalesChannel;

  @Enum({ items: () => PaymentMethod })
  paymentMethod!: PaymentMethod;

  @Property({ type: 'string', length: 100 })
  idempotencyKey!: string;

  /** A digest of the request: the same key sent with another cart is a CONFLICT, not a silent replay. */
  @Property({ type: 'string', length: 64 })
  requestDigest!: string;

  @Embedded({ entity: () => Address, prefix: 'delivery_' })
  deliveryAddress!: Address;

  @Property({ type: 'integer' })
  subtotalCents!: number;

  @Property({ type: 'integer' })
  vatCents!: number;

  @Property({ type: 'integer' })
  totalCents!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @OneToMany(() => SupplierOrder, (supplierOrder) => supplierOrder.order)
  supplierOrders = new Collection<SupplierOrder>(this);
}
