import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export enum DeliveryMode {
  /** The producer's own vehicle. */
  PRODUCER_DELIVERY = 'PRODUCER_DELIVERY',
  /** The buyer collects. */
  PICKUP = 'PICKUP',
  /** A third-party carrier. */
  CARRIER = 'CARRIER',
}

@Check({
  name: 'delivery_option_terms_check',
  // Quoted numbers for double precision columns: MikroORM 7.2 misreads PostgreSQL's `(0)::double precision`.
  expression:
    "(fee_cents >= 0 and min_order_cents >= 0 and (max_distance_km is null or (max_distance_km > '0' and max_distance_km <= '2000')) and cutoff_hours >= 0 and cutoff_hours <= 336)",
})
@Entity({ tableName: 'delivery_option' })
export class DeliveryOption {
  [OptionalProps]?: 'active' | 'createdAt' | 'feeCents' | 'minOrderCents' | 'weekdays' | 'cutoffHours' | 'closedDates';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', index: 'delivery_option_producer_idx' })
  producerId!: string;

  @Enum({ items: () => DeliveryMode })
  mode!: DeliveryMode;

  @Property({ type: 'string', length: 120 })
  label!: string;

  /** A vehicle id of the carbon factors file. */
  @Property({ type: 'string', length: 60, nullable: true })
  vehicleId?: string;

  @Property({ type: 'double', nullable: true })
  maxDistanceKm?: number;

  @Property({ type: 'integer' })
  feeCents: number = 0;

  /** The least a supplier order must come to (cents excluding VAT) with this option. */
  @Property({ type: 'integer' })
  minOrderCents: number = 0;

  /** ISO weekdays it delivers on (1 = Monday … 7 = Sunday), ascending; none: no delivery days, no date asked. */
  @Property({ type: 'json' })
  weekdays: number[] = [];

  /**
   * Days (YYYY-MM-DD) of its weekdays the producer closed — holidays, a market, a day off — ascending: no buyer may
   * choose them. Days already past are dropped whenever the list is written.
   */
  @Property({ type: 'json' })
  closedDates: string[] = [];

  /** How many hours (wall clock, Paris) before a delivery day starts its orders close. */
  @Property({ type: 'integer' })
  cutoffHours: number = 24;

  /** PICKUP: where buyers collect, as the producer writes it. */
  @Property({ type: 'string', length: 300, nullable: true })
  address?: string | null;

  /** PICKUP: when buyers may collect, as the producer writes it. */
  @Property({ type: 'string', length: 300, nullable: true })
  openingHours?: string | null;

  /** false once archived: no longer offered to buyers; orders placed with it keep their terms. */
  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
