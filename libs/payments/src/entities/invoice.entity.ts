import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { InvoiceDocument, InvoicePaymentMethod } from '../invoices/invoice-draft';

export enum InvoiceStatus {
  ISSUED = 'ISSUED',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  CANCELLED = 'CANCELLED',
}

/**
 * An invoice issued in a producer's name for one supplier order. Once written, only `status` and `paidAt` may
 * change (a PostgreSQL trigger enforces it, DATA-05); a correction is a credit note, never an edit.
 */
@Entity({ tableName: 'invoice' })
@Unique({ name: 'invoice_number_unique', properties: ['number'] })
@Unique({ name: 'invoice_issuer_series_sequence_unique', properties: ['issuerId', 'seriesYear', 'sequence'] })
@Unique({ name: 'invoice_supplier_order_unique', properties: ['supplierOrderId'] })
@Index({ name: 'invoice_buyer_organization_idx', properties: ['buyerOrganizationId'] })
export class Invoice {
  [OptionalProps]?: 'paidAt' | 'deliveryDate' | 'buyerOrganizationId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** `{PREFIX}-{YYYY}-{n}`. */
  @Property({ type: 'string', length: 40 })
  number!: string;

  /** The PRODUCER organization, the seller. */
  @Property({ type: 'uuid' })
  issuerId!: string;

  @Property({ type: 'integer' })
  seriesYear!: number;

  @Property({ type: 'integer' })
  sequence!: number;

  @Property({ type: 'uuid' })
  supplierOrderId!: string;

  @Property({ type: 'uuid', index: 'invoice_order_idx' })
  orderId!: string;

  /** Null for a consumer. */
  @Property({ type: 'uuid', nullable: true })
  buyerOrganizationId?: string | null;

  /** Who placed the order. */
  @Property({ type: 'uuid' })
  buyerUserId!: string;

  @Enum({ items: ['CARD', 'INVOICE'] })
  paymentMethod!: InvoicePaymentMethod;

  @Property({ type: 'datetime' })
  issuedAt!: Date;

  /** YYYY-MM-DD; null when invoiced before delivery. */
  @Property({ type: 'date', nullable: true })
  deliveryDate?: string | null;

  /** YYYY-MM-DD. */
  @Property({ type: 'date' })
  dueDate!: string;

  /** Excluding VAT. */
  @Property({ type: 'integer' })
  subtotalCents!: number;

  @Property({ type: 'integer' })
  vatCents!: number;

  /** Including VAT. */
  @Property({ type: 'integer' })
  totalCents!: number;

  @Enum({ items: () => InvoiceStatus })
  status!: InvoiceStatus;

  @Property({ type: 'datetime', nullable: true })
  paidAt?: Date | null;

  /** Everything the document shows, as issued. */
  @Property({ type: 'json' })
  document!: InvoiceDocument;
}
