import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #24: the near-search counts each producer's active products and reads the nearest ones' in id order. With
 * `active` and the id beside the producer in its index, both are index-only scans (the count read every product's
 * heap row before); the producer's other readers still find it as the index's first column, and the table keeps as
 * many indexes (each stock update writes them all).
 */
export class Migration20261210400000_product_producer_active_id_idx extends Migration {
  override name = 'Migration20261210400000_product_producer_active_id_idx';

  override up(): void | Promise<void> {
    this.addSql(`drop index "product_producer_idx";`);
    this.addSql(`create index "product_producer_active_id_idx" on "product" ("producer_id", "active", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "product_producer_active_id_idx";`);
    this.addSql(`create index "product_producer_idx" on "product" ("producer_id");`);
  }
}
