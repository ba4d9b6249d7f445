import { randomUUID } from 'node:crypto';
import type { Rel } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { ProductCategory } from '@app/carbon';
import { SupplierOrder } from './supplier-order.entity';

/** A product as it was sold: name, unit, price and mass are copied, so that later catalog edits change no order. */
@Check({
  name: 'order_line_amounts_check',
  // Quoted numbers for double precision columns: MikroORM 7.2 misreads PostgreSQL's `(0)::double precision`.
  expression:
    "quantity_thousandths > 0 and unit_price_cents >= 0 and total_cents >= 0 and mass_kg >= '0' and vat_rate_basis_points >= 0 and vat_rate_basis_points <= 10000",
})
@Entity({ tableName: 'order_line' })
export class OrderLine {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => SupplierOrder, { deleteRule: 'cascade', index: 'order_line_supplier_order_idx' })
  supplierOrder!: Rel<SupplierOrder>;

  /** Where the line stood in the cart. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'uuid', index: 'order_line_product_idx' })
  productId!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 10 })
  unit!: 'KG' | 'PIECE' | 'LITRE';

  @Property({ type: 'string', length: 30 })
  category!: ProductCategory;

  /** The product's CIQUAL (AGRIBALYSE) food code when it was sold, for the buyer's own product factors. */
  @Property({ type: 'string', length: 6, nullable: true })
  ciqualCode?: string | null;

  @Property({ type: 'integer' })
  quantityThousandths!: number;

  @Property({ type: 'integer' })
  unitPriceCents!: number;

  @Property({ type: 'integer' })
  vatRateBasisPoints!: number;

  /** round(quantity × unit price), excluding VAT. */
  @Property({ type: 'integer' })
  totalCents!: number;

  /** quantity × unit mass, packaging included: what the carbon method weighs. */
  @Property({ type: 'double' })
  massKg!: number;

  /** Between producer and buyer: 0, the marketplace acts as the producer's agent. */
  @Property({ type: 'integer' })
  intermediaries!: number;

  /** Whether the line carried a brand label when sold (the brand dashboard counts labelled sales). */
  @Property({ type: 'json' })
  brandIds!: string[];

  /*
   * This line's share of its supplier order's footprint (CARBON-METHOD §9: allocated by mass), written with every
   * footprint the supplier order is given (`lineFootprintColumns`), so that reports read it here instead of parsing
   * the whole footprint. Null only on lines of an embedded SQLite file written before these columns: reports then
   * read the share from the footprint.
   */
  @Property({ type: 'double', nullable: true })
  carbonMassShare?: number | null;

  @Property({ type: 'double', nullable: true })
  carbonTkm?: number | null;

  @Property({ type: 'double', nullable: true })
  carbonEmissionsKgCo2e?: number | null;

  @Property({ type: 'double', nullable: true })
  carbonBaselineKgCo2e?: number | null;

  /** baseline − emissions, signed. */
  @Property({ type: 'double', nullable: true })
  carbonSavedKgCo2e?: number | null;

  /** The baseline scenario of the line's category (the first of its baseline factor ids). */
  @Property({ type: 'string', length: 120, nullable: true })
  carbonBaselineScenarioId?: string | null;
}
