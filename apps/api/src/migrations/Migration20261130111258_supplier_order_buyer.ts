import { Migration } from '@mikro-orm/migrations';

export class Migration20261130111258_supplier_order_buyer extends Migration {
  override name = 'Migration20261130111258_supplier_order_buyer';

  override up(): void | Promise<void> {
    this.addSql(`alter table "supplier_order" add "buyer_organization_id" uuid null;`);
    // Existing supplier orders take their order's buyer (set at checkout from now on).
    this.addSql(
      `update "supplier_order" s set "buyer_organization_id" = o."buyer_organization_id" from "customer_order" o where o."id" = s."order_id" and o."buyer_organization_id" is not null;`,
    );
    this.addSql(
      `create index "supplier_order_buyer_delivered_idx" on "supplier_order" ("buyer_organization_id", "delivered_at", "id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "supplier_order_buyer_delivered_idx";`);
    this.addSql(`alter table "supplier_order" drop column "buyer_organization_id";`);
  }
}
