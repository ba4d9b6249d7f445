import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { DatabaseTriggers } from '@app/platform';
import type { InvoiceDocument, InvoicePaymentMethod } from '../invoices/invoice-draft';

export enum InvoiceStatus {
  ISSUED = 'ISSUED',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  CANCELLED = 'CANCELLED',
}

const IMMUTABLE_COLUMNS = [
  'number',
  'issuer_id',
  'series_year',
  'sequence',
  'supplier_order_id',
  'order_id',
  'buyer_organization_id',
  'buyer_user_id',
  'payment_method',
  'issued_at',
  'delivery_date',
  'due_date',
  'subtotal_cents',
  'vat_cents',
  'total_cents',
  'document',
];

/**
 * An invoice issued in a producer's name for one supplier order. Once written, only `status` and `paidAt` may
 * change (a PostgreSQL trigger enforces it, DATA-05); a correction is a credit note, never an edit.
 */
@Check({
  name: 'invoice_amounts_check',
  expression: 'subtotal_cents >= 0 and vat_cents >= 0 and total_cents >= 0',
})
@Entity({ tableName: 'invoice' })
@Unique({ name: 'invoice_number_unique', properties: ['number'] })
@Unique({ name: 'invoice_issuer_series_sequence_unique', properties: ['issuerId', 'seriesYear', 'sequence'] })
@Unique({ name: 'invoice_supplier_order_unique', properties: ['supplierOrderId'] })
@Index({ name: 'invoice_buyer_organization_idx', properties: ['buyerOrganizationId'] })
export class Invoice {
  /**
   * Issued invoices are immutable (DATA-05), whoever connects: only `status` and `paid_at` may change, deleting is
   * refused. PostgreSQL compares the whole row minus those two (so a column added later is covered too); SQLite
   * lists the columns.
   */
  static readonly databaseTriggers: DatabaseTriggers = {
    postgresql: [
      {
        name: 'invoice_immutable_update',
        timing: 'before',
        events: ['update'],
        body: `if (to_jsonb(new) - 'status' - 'paid_at') is distinct from (to_jsonb(old) - 'status' - 'paid_at') then raise exception 'Invoice % is issued: only its status and payment date may change; issue a credit note to correct it.', old.number using errcode = 'P0001'; end if; return new;`,
      },
      {
        name: 'invoice_immutable_delete',
        timing: 'before',
        events: ['delete'],
        body: `raise exception 'Invoice % is issued and cannot be deleted; issue a credit note instead.', old.number using errcode = 'P0001'; return old;`,
      },
    ],
    sqlite: [
      {
        name: 'invoice_immutable_update',
        timing: 'before',
        events: ['update'],
        when: IMMUTABLE_COLUMNS.map((column) => `old.${column} is not new.${column}`).join(' or '),
        body: `select raise(abort, 'An issued invoice cannot be changed: only its status and payment date may change; issue a credit note to correct it.');`,
      },
      {
        name: 'invoice_immutable_delete',
        timing: 'before',
        events: ['delete'],
        body: `select raise(abort, 'An issued invoice cannot be deleted; issue a credit note instead.');`,
      },
    ],
  };

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
