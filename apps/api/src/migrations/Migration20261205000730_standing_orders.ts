import { Migration } from '@mikro-orm/migrations';

export class Migration20261205000730_standing_orders extends Migration {
  override name = 'Migration20261205000730_standing_orders';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "standing_order" ("id" uuid not null, "buyer_organization_id" uuid not null, "created_by_user_id" uuid not null, "name" varchar(120) not null, "lines" jsonb not null, "deliveries" jsonb not null, "weekdays" jsonb not null, "starts_on" varchar(10) not null, "ends_on" varchar(10) null, "status" text not null default 'ACTIVE', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "standing_order_buyer_idx" on "standing_order" ("buyer_organization_id");`);

    this.addSql(
      `create table "standing_order_occurrence" ("id" uuid not null, "standing_order_id" uuid not null, "delivery_date" varchar(10) not null, "status" text not null, "order_id" uuid null, "reason_code" varchar(40) null, "reason" varchar(500) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "standing_order_occurrence_order_idx" on "standing_order_occurrence" ("order_id");`);
    this.addSql(
      `alter table "standing_order_occurrence" add constraint "standing_order_occurrence_date_unique" unique ("standing_order_id", "delivery_date");`,
    );

    this.addSql(
      `alter table "standing_order" add constraint "standing_order_status_check" check ("status" in ('ACTIVE', 'PAUSED', 'ENDED'));`,
    );

    this.addSql(
      `alter table "standing_order_occurrence" add constraint "standing_order_occurrence_status_check" check ("status" in ('PLACED', 'SKIPPED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "standing_order" cascade;`);
    this.addSql(`drop table if exists "standing_order_occurrence" cascade;`);
  }
}
