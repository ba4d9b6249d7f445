import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { DatabaseTriggers } from '@app/platform';
import type { CreditNoteDocument } from './credit-note-draft';

const COLUMNS = [
  'id',
  'number',
  'issuer_id',
  'series_year',
  'sequence',
  'invoice_id',
  'supplier_order_id',
  'order_id',
  'buyer_organization_id',
  'buyer_user_id',
  'source_key',
  'issued_at',
  'reason',
  'subtotal_cents',
  'vat_cents',
  'total_cents',
  'document',
];

/**
 * A credit note (avoir) issued in a producer's name against one of its invoices: a refund or a cancellation of
 * what the invoice billed. Nothing of it ever changes and it is never deleted (triggers on both databases); a
 * mistake is corrected by another document, never by an edit.
 */
@Check({
  name: 'credit_note_amounts_check',
  expression: 'subtotal_cents >= 0 and vat_cents >= 0 and total_cents >= 0',
})
@Entity({ tableName: 'credit_note' })
@Unique({ name: 'credit_note_number_unique', properties: ['number'] })
@Unique({ name: 'credit_note_issuer_series_sequence_unique', properties: ['issuerId', 'seriesYear', 'sequence'] })
@Unique({ name: 'credit_note_source_key_unique', properties: ['sourceKey'] })
@Index({ name: 'credit_note_invoice_idx', properties: ['invoiceId'] })
export class CreditNote {
  static readonly databaseTriggers: DatabaseTriggers = {
    postgresql: [
      {
        name: 'credit_note_immutable_update',
        timing: 'before',
        events: ['update'],
        body: `raise exception 'Credit note % is issued and cannot be changed.', old.number using errcode = 'P0001'; return new;`,
      },
      {
        name: 'credit_note_immutable_delete',
        timing: 'before',
        events: ['delete'],
        body: `raise exception 'Credit note % is issued and cannot be deleted.', old.number using errcode = 'P0001'; return old;`,
      },
    ],
    sqlite: [
      {
        name: 'credit_note_immutable_update',
        timing: 'before',
        events: ['update'],
        // Any column changed (an ORM's rewrite of the same values changes nothing and passes).
        when: COLUMNS.map((column) => `old.${column} is not new.${column}`).join(' or '),
        body: `select raise(abort, 'An issued credit note cannot be changed.');`,
      },
      {
        name: 'credit_note_immutable_delete',
        timing: 'before',
        events: ['delete'],
        body: `select raise(abort, 'An issued credit note cannot be deleted.');`,
      },
    ],
  };

  [OptionalProps]?: 'buyerOrganizationId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** `{PREFIX}-AV-{YYYY}-{n}`. */
  @Property({ type: 'string', length: 40 })
  number!: string;

  /** The PRODUCER organization, the seller of the invoice it corrects. */
  @Property({ type: 'uuid' })
  issuerId!: string;

  @Property({ type: 'integer' })
  seriesYear!: number;

  @Property({ type: 'integer' })
  sequence!: number;

  @Property({ type: 'uuid' })
  invoiceId!: string;

  @Property({ type: 'uuid', index: 'credit_note_supplier_order_idx' })
  supplierOrderId!: string;

  @Property({ type: 'uuid' })
  orderId!: string;

  @Property({ type: 'uuid', nullable: true })
  buyerOrganizationId?: string | null;

  @Property({ type: 'uuid' })
  buyerUserId!: string;

  /**
   * What caused it, unique: `refund:<supplier order>` for a cancelled part, `refund:<payment>:<n>:<supplier order>`
   * for an admin's refund, `credit:<invoice>:<idempotency key>` for a producer's creditInvoice.
   */
  @Property({ type: 'string', length: 200 })
  sourceKey!: string;

  @Property({ type: 'datetime' })
  issuedAt!: Date;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  /** Credited, excluding VAT (positive: the amount taken off the invoice). */
  @Property({ type: 'integer' })
  subtotalCents!: number;

  @Property({ type: 'integer' })
  vatCents!: number;

  @Property({ type: 'integer' })
  totalCents!: number;

  /** Everything the document shows, as issued. */
  @Property({ type: 'json' })
  document!: CreditNoteDocument;
}

/** One producer's credit-note counter for one year, beside its invoice series (same prefix, its own numbers). */
@Entity({ tableName: 'credit_note_series' })
@Unique({ name: 'credit_note_series_issuer_year_unique', properties: ['issuerId', 'year'] })
export class CreditNoteSeries {
  [OptionalProps]?: 'lastNumber';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  issuerId!: string;

  /** The calendar year in Europe/Paris. */
  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'string', length: 6 })
  prefix!: string;

  @Property({ type: 'integer', default: 0 })
  lastNumber: number = 0;
}
