import { Migration } from '@mikro-orm/migrations';

export class Migration20261205004000_planned_rounds extends Migration {
  override name = 'Migration20261205004000_planned_rounds';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "supplier_order_footprint" ("id" uuid not null, "supplier_order_id" uuid not null, "carbon" jsonb not null, "emissions_kg_co2e" double precision not null, "reason" varchar(40) not null, "replaced_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "supplier_order_footprint_order_idx" on "supplier_order_footprint" ("supplier_order_id");`,
    );
    this.addSql(`alter table "supplier_order" add column "round_report" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "supplier_order_footprint" cascade;`);
    this.addSql(`alter table "supplier_order" drop column "round_report";`);
  }
}
