import { Migration } from '@mikro-orm/migrations';

export class Migration20261204235336_delivery_days extends Migration {
  override name = 'Migration20261204235336_delivery_days';

  override up(): void | Promise<void> {
    // Existing options have no delivery days (no date asked at checkout) until their producer sets some.
    this.addSql(
      `alter table "delivery_option" add "weekdays" jsonb not null default '[]', add "cutoff_hours" int not null default 24, add "address" varchar(300) null, add "opening_hours" varchar(300) null;`,
    );
    this.addSql(`alter table "delivery_option" alter column "weekdays" drop default;`);
    // Existing supplier orders have no delivery date.
    this.addSql(`alter table "supplier_order" add "delivery_date" date null;`);
    this.addSql(
      `create index "supplier_order_producer_delivery_date_idx" on "supplier_order" ("producer_id", "delivery_date");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "supplier_order_producer_delivery_date_idx";`);
    this.addSql(`alter table "supplier_order" drop column "delivery_date";`);
    this.addSql(
      `alter table "delivery_option" drop column "weekdays", drop column "cutoff_hours", drop column "address", drop column "opening_hours";`,
    );
  }
}
