import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #24: the catalog's listing sorts newest first then by id. With the id in the index, a page of products
 * created at the same instant (an import, a seed) reads its 21 rows from the index instead of sorting every tie.
 */
export class Migration20261205140000_product_listing_index extends Migration {
  override name = 'Migration20261205140000_product_listing_index';

  override up(): void | Promise<void> {
    this.addSql(`drop index "product_active_created_idx";`);
    this.addSql(`create index "product_active_created_id_idx" on "product" ("active", "created_at", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "product_active_created_id_idx";`);
    this.addSql(`create index "product_active_created_idx" on "product" ("active", "created_at");`);
  }
}
