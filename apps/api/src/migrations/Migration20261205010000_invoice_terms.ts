import { Migration } from '@mikro-orm/migrations';

/** Issue #20 item 4: a producer's cap on new buyers' invoice orders, and the businesses it refused invoice payment from. */
export class Migration20261205010000_invoice_terms extends Migration {
  override name = 'Migration20261205010000_invoice_terms';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "producer_sales_terms" ("producer_id" uuid not null, "new_buyer_invoice_cap_cents" int null, "updated_at" timestamptz not null, primary key ("producer_id"), constraint "producer_sales_terms_cap_check" check (new_buyer_invoice_cap_cents >= 0 and new_buyer_invoice_cap_cents <= 100000000));`,
    );
    this.addSql(
      `create table "refused_invoice_buyer" ("id" uuid not null, "producer_id" uuid not null, "buyer_organization_id" uuid not null, "refused_by_user_id" uuid not null, "refused_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "refused_invoice_buyer" add constraint "refused_invoice_buyer_unique" unique ("producer_id", "buyer_organization_id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "refused_invoice_buyer" cascade;`);
    this.addSql(`drop table if exists "producer_sales_terms" cascade;`);
  }
}
