import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { PostgresIndex } from '@app/platform';

/** The baseline categories of the carbon data (CARBON-METHOD.md): each has its conventional-chain baseline. */
export enum ProductCategory {
  FRESH_VEGETABLES = 'FRESH_VEGETABLES',
  FRESH_FRUITS = 'FRESH_FRUITS',
  MEAT_CHARCUTERIE = 'MEAT_CHARCUTERIE',
  DAIRY_CHEESE = 'DAIRY_CHEESE',
  EGGS = 'EGGS',
  BAKERY = 'BAKERY',
  BEVERAGES = 'BEVERAGES',
  DRY_GROCERIES = 'DRY_GROCERIES',
  CRAFTS_NON_FOOD = 'CRAFTS_NON_FOOD',
}

export enum ProductUnit {
  KG = 'KG',
  PIECE = 'PIECE',
  LITRE = 'LITRE',
}

export enum Certification {
  AB = 'AB',
  LABEL_ROUGE = 'LABEL_ROUGE',
  AOP = 'AOP',
  IGP = 'IGP',
  HVE = 'HVE',
  STG = 'STG',
}

/** A B2B price: from `minQuantityThousandths` of the unit, this unit price (cents, excluding VAT). */
export interface PriceTier {
  minQuantityThousandths: number;
  unitPriceCents: number;
}

@Check({
  name: 'product_amounts_check',
  // Quoted numbers for double precision columns: MikroORM 7.2 misreads PostgreSQL's `(0)::double precision`.
  expression:
    "price_cents >= 0 and min_order_thousandths >= 0 and unit_mass_kg > '0' and unit_mass_kg <= '10000' and vat_rate_basis_points in (210, 550, 850, 1000, 2000)",
})
@Entity({ tableName: 'product' })
// A producer's active products in id order: the near-search counts and pages them from the index alone.
@Index({ name: 'product_producer_active_id_idx', properties: ['producerId', 'active', 'id'] })
// The listing's order (newest first, then id): products created together page by the index, not a sort of the ties.
@Index({ name: 'product_active_created_id_idx', properties: ['active', 'createdAt', 'id'] })
@Check({ name: 'product_stock_not_negative', expression: 'stock_thousandths >= 0' })
export class Product {
  /** French full-text search on the normalized name and description (`products(filter: { text })`). */
  static readonly postgresIndexes: PostgresIndex[] = [
    {
      name: 'product_search_idx',
      expression: `create index "product_search_idx" on "product" using gin (to_tsvector('french', "search_text"))`,
    },
  ];

  [OptionalProps]?:
    'active' | 'createdAt' | 'updatedAt' | 'version' | 'certifications' | 'b2bPriceTiers' | 'minOrderThousandths';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The PRODUCER organization (identity context). */
  @Property({ type: 'uuid' })
  producerId!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Its public address (`/produits/<slug>`), from the name at creation; kept when the name changes. */
  @Property({ type: 'string', length: 100, unique: 'product_slug_unique' })
  slug!: string;

  @Property({ type: 'text' })
  description!: string;

  @Enum({ items: () => ProductCategory })
  category!: ProductCategory;

  @Enum({ items: () => ProductUnit })
  unit!: ProductUnit;

  /**
   * The food's code in ANSES's CIQUAL table, the key of AGRIBALYSE's product footprints: given by the producer, it
   * travels with every order line into the buyer's RSE export, where an accountant applies its own product factors
   * (Scope 3 category 1). Null when not given, and for non-food products.
   */
  @Property({ type: 'string', length: 6, nullable: true })
  ciqualCode?: string | null;

  /** Mass of one unit with its packaging; 1 for KG. */
  @Property({ type: 'double' })
  unitMassKg!: number;

  /** Consumer unit price, cents excluding VAT. */
  @Property({ type: 'integer' })
  priceCents!: number;

  /** VAT rate in basis points (550 = 5.5 %): an exact integer, shown as 0.055. */
  @Property({ type: 'integer' })
  vatRateBasisPoints!: number;

  @Property({ type: 'json' })
  b2bPriceTiers: PriceTier[] = [];

  @Property({ type: 'integer' })
  stockThousandths!: number;

  @Property({ type: 'integer' })
  minOrderThousandths: number = 0;

  @Property({ type: 'json' })
  certifications: Certification[] = [];

  /** Name and description, lower-cased without accents: what the search reads. */
  @Property({ type: 'text', lazy: true })
  searchText!: string;

  /** Inactive products leave the catalog but stay for the orders that name them. */
  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Optimistic lock: two edits from the same version, the second gets CONFLICT (INV-05). */
  @Property({ type: 'integer', version: true })
  version!: number;
}
