import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

export enum StandingOrderStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  ENDED = 'ENDED',
}

export enum OccurrenceStatus {
  PLACED = 'PLACED',
  SKIPPED = 'SKIPPED',
}

/** One product and its quantity (in the product's unit), ordered at each occurrence. */
export interface StandingLine {
  productId: string;
  quantity: number;
}

/** How one producer of the standing order delivers. */
export interface StandingDelivery {
  producerId: string;
  deliveryOptionId: string;
}

/**
 * A business's standing order: the same lines, delivered the same way, on some weekdays. Each occurrence is placed
 * as an ordinary invoice order in the name of the member who set it up, to the organization's address.
 */
@Entity({ tableName: 'standing_order' })
export class StandingOrder {
  [OptionalProps]?: 'status' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', index: 'standing_order_buyer_idx' })
  buyerOrganizationId!: string;

  /** The member in whose name each occurrence is placed (the orders are theirs, as if they had placed them). */
  @Property({ type: 'uuid' })
  createdByUserId!: string;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Property({ type: 'json' })
  lines!: StandingLine[];

  @Property({ type: 'json' })
  deliveries!: StandingDelivery[];

  /** ISO weekdays, 1 = Monday … 7 = Sunday, ascending. */
  @Property({ type: 'json' })
  weekdays!: number[];

  @Property({ type: 'string', length: 10 })
  startsOn!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  endsOn?: string | null;

  @Enum({ items: () => StandingOrderStatus })
  status: StandingOrderStatus = StandingOrderStatus.ACTIVE;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * One delivery date of a standing order, recorded once (the unique key) whether its order was placed or skipped:
 * the job never places the same date twice, and tells the buyer once why one was skipped.
 */
@Entity({ tableName: 'standing_order_occurrence' })
@Unique({ name: 'standing_order_occurrence_date_unique', properties: ['standingOrderId', 'deliveryDate'] })
@Index({ name: 'standing_order_occurrence_order_idx', properties: ['orderId'] })
export class StandingOrderOccurrence {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  standingOrderId!: string;

  @Property({ type: 'string', length: 10 })
  deliveryDate!: string;

  @Enum({ items: () => OccurrenceStatus })
  status!: OccurrenceStatus;

  @Property({ type: 'uuid', nullable: true })
  orderId?: string | null;

  /** Why it was skipped: the error code, then the message the buyer reads. */
  @Property({ type: 'string', length: 40, nullable: true })
  reasonCode?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
