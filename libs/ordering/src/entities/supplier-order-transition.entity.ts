import { randomUUID } from 'node:crypto';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { SupplierOrderStatus } from '../lifecycle/supplier-order-state';

/** Who moved a supplier order, from what to what, when: the history both parties can follow. */
@Entity({ tableName: 'supplier_order_transition' })
export class SupplierOrderTransition {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', index: 'supplier_order_transition_order_idx' })
  supplierOrderId!: string;

  @Enum({ items: () => SupplierOrderStatus, nullable: true })
  fromStatus?: SupplierOrderStatus;

  @Enum({ items: () => SupplierOrderStatus })
  toStatus!: SupplierOrderStatus;

  @Property({ type: 'uuid' })
  actorUserId!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string;

  @Property({ type: 'datetime' })
  at: Date = new Date();
}
