import { randomUUID } from 'node:crypto';
import { Collection, OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { CarbonFootprint } from '@app/carbon';
import { SupplierOrderStatus } from '../lifecycle/supplier-order-state';
import { SupplierOrderPaymentStatus } from '../lifecycle/supplier-order-payment';
import type { TaxedAmount, VatRateTotal } from '../money';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';

/** The delivery option as it was when the order was placed: later edits of the option do not rewrite orders. */
export interface DeliveryTerms {
  deliveryOptionId: string;
  mode: 'PRODUCER_DELIVERY' | 'PICKUP' | 'CARRIER';
  label: string;
  vehicleId: string | null;
  maxDistanceKm: number | null;
  feeCents: number;
  minOrderCents: number;
  /** PICKUP: where and when to collect, as the producer wrote it then (absent on orders placed before). */
  address?: string | null;
  openingHours?: string | null;
}

export interface RoundReport {
  odometerKm: number | null;
  fuelLitres: number | null;
  /** The modelled tour's driven km the plausibility was checked against. */
  roundVkm: number;
  /** Implausible (§7.3): kept, but the footprint is the modelled one, flagged. */
  flagged: boolean;
}

export interface StoredPoint {
  latitude: number;
  longitude: number;
}

/**
 * One producer's part of an order: what it ships, handles and invoices. It keeps its carbon footprint with the
 * method version and factor ids it was computed with, so a later change of factors never rewrites it.
 */
@Check({
  name: 'supplier_order_amounts_check',
  expression: 'goods_cents >= 0 and fee_cents >= 0 and subtotal_cents >= 0 and vat_cents >= 0 and total_cents >= 0',
})
@Entity({ tableName: 'supplier_order' })
@Index({ name: 'supplier_order_producer_idx', properties: ['producerId', 'createdAt'] })
@Index({ name: 'supplier_order_order_idx', properties: ['order'] })
@Index({ name: 'supplier_order_buyer_delivered_idx', properties: ['buyerOrganizationId', 'deliveredAt', 'id'] })
@Index({ name: 'supplier_order_producer_delivery_date_idx', properties: ['producerId', 'deliveryDate'] })
// A buyer's orders with one producer, by status: placeOrder's invoice facts (a delivery before, the open invoice orders).
@Index({
  name: 'supplier_order_buyer_producer_status_idx',
  properties: ['buyerOrganizationId', 'producerId', 'status'],
})
export class SupplierOrder {
  [OptionalProps]?: 'createdAt' | 'statusChangedAt' | 'status' | 'lines' | 'placementCarbon' | 'paymentStatus';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  /** The PRODUCER organization. */
  @Property({ type: 'uuid' })
  producerId!: string;

  /**
   * The buying BUSINESS (null for a consumer), copied from the order: a buyer's RSE report walks its delivered
   * supplier orders by this column and the delivery date, without visiting other buyers' orders.
   */
  @Property({ type: 'uuid', nullable: true })
  buyerOrganizationId?: string | null;

  @Enum({ items: () => SupplierOrderStatus })
  status: SupplierOrderStatus = SupplierOrderStatus.PLACED;

  /** A card part moves past PLACED only once PAID (see supplier-order-payment.ts). */
  @Enum({ items: () => SupplierOrderPaymentStatus })
  paymentStatus: SupplierOrderPaymentStatus = SupplierOrderPaymentStatus.NOT_REQUIRED;

  @Property({ type: 'json' })
  delivery!: DeliveryTerms;

  /** YYYY-MM-DD: the day the buyer chose, when the option has delivery days; null otherwise. */
  @Property({ type: 'date', nullable: true })
  deliveryDate?: string | null;

  @Property({ type: 'json' })
  producerLocation!: StoredPoint;

  @Property({ type: 'json' })
  deliveryLocation!: StoredPoint;

  /** Goods lines, excluding VAT, before the fee. */
  @Property({ type: 'integer' })
  goodsCents!: number;

  @Property({ type: 'integer' })
  feeCents!: number;

  @Property({ type: 'json' })
  feeByRate!: TaxedAmount[];

  @Property({ type: 'json' })
  vatByRate!: VatRateTotal[];

  @Property({ type: 'integer' })
  subtotalCents!: number;

  @Property({ type: 'integer' })
  vatCents!: number;

  @Property({ type: 'integer' })
  totalCents!: number;

  /** The current footprint: at placement, then at delivery when the producer reported the distance driven. */
  @Property({ type: 'json' })
  carbon!: CarbonFootprint;

  /** The estimate made at placement, kept when a delivery replaces it. */
  @Property({ type: 'json', nullable: true })
  placementCarbon?: CarbonFootprint;

  /** Copies of the footprint's headline figures, for the reports' sums. */
  @Property({ type: 'double' })
  emissionsKgCo2e!: number;

  @Property({ type: 'double' })
  baselineKgCo2e!: number;

  @Property({ type: 'double' })
  massKg!: number;

  /** One way, reported at delivery for this order alone. */
  @Property({ type: 'double', nullable: true })
  odometerKm?: number | null;

  /** What the producer reported for the round (§7.3): its odometer km and/or fuel litres, and whether it was flagged. */
  @Property({ type: 'json', nullable: true })
  roundReport?: RoundReport | null;

  /** The delivery round this order was part of, when the producer reported one. */
  @Property({ type: 'uuid', nullable: true })
  roundId?: string;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date;

  @Property({ type: 'string', length: 500, nullable: true })
  cancelReason?: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  statusChangedAt: Date = new Date();

  @OneToMany(() => OrderLine, (line) => line.supplierOrder, { orderBy: { position: 'asc' } })
  lines = new Collection<OrderLine>(this);
}
