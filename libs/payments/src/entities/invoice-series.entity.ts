import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * One producer's invoice counter for one year (DATA-03). Incrementing `lastNumber` in the issuing transaction
 * locks the row until commit: issuers of the same producer queue, and a rollback gives the number back.
 */
@Entity({ tableName: 'invoice_series' })
@Unique({ name: 'invoice_series_issuer_year_unique', properties: ['issuerId', 'year'] })
@Unique({ name: 'invoice_series_prefix_year_unique', properties: ['prefix', 'year'] })
export class InvoiceSeries {
  [OptionalProps]?: 'lastNumber';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The PRODUCER organization (identity context) in whose name the invoices are issued. */
  @Property({ type: 'uuid' })
  issuerId!: string;

  /** The calendar year in Europe/Paris. */
  @Property({ type: 'integer' })
  year!: number;

  /** 2 to 6 letters, the producer's own: numbers are unique across producers. */
  @Property({ type: 'string', length: 6 })
  prefix!: string;

  @Property({ type: 'integer', default: 0 })
  lastNumber: number = 0;
}
