import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/** A producer's selling terms for invoice payment (issue #20 item 4); no row: the platform's defaults. */
@Entity({ tableName: 'producer_sales_terms' })
@Check({
  name: 'producer_sales_terms_cap_check',
  expression: 'new_buyer_invoice_cap_cents >= 0 and new_buyer_invoice_cap_cents <= 100000000',
})
export class ProducerSalesTerms {
  [OptionalProps]?: 'updatedAt';

  /** The PRODUCER organization. */
  @PrimaryKey({ type: 'uuid' })
  producerId!: string;

  /** What a business it never delivered to may hold in open invoice orders with it (TTC); null: the platform's default. */
  @Property({ type: 'integer', nullable: true })
  newBuyerInvoiceCapCents?: number | null;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}

/** A business a producer refused invoice payment from: its orders to that producer are paid by card. */
@Entity({ tableName: 'refused_invoice_buyer' })
@Unique({ name: 'refused_invoice_buyer_unique', properties: ['producerId', 'buyerOrganizationId'] })
export class RefusedInvoiceBuyer {
  [OptionalProps]?: 'refusedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  producerId!: string;

  /** The BUSINESS organization. */
  @Property({ type: 'uuid' })
  buyerOrganizationId!: string;

  @Property({ type: 'uuid' })
  refusedByUserId!: string;

  @Property({ type: 'datetime' })
  refusedAt: Date = new Date();
}
