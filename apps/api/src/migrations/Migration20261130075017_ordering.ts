import { Migration } from '@mikro-orm/migrations';

export class Migration20261130075017_ordering extends Migration {
  override name = 'Migration20261130075017_ordering';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "customer_order" ("id" uuid not null, "number" varchar(20) not null, "buyer_user_id" uuid not null, "buyer_organization_id" uuid null, "channel" text not null, "payment_method" text not null, "idempotency_key" varchar(100) not null, "request_digest" varchar(64) not null, "delivery_line1" varchar(200) not null, "delivery_postal_code" varchar(5) not null, "delivery_city" varchar(120) null, "delivery_insee_code" varchar(5) null, "delivery_department_code" varchar(3) null, "delivery_latitude" double precision null, "delivery_longitude" double precision null, "delivery_precision" text not null, "subtotal_cents" int not null, "vat_cents" int not null, "total_cents" int not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "customer_order" add constraint "customer_order_number_unique" unique ("number");`);
    this.addSql(
      `create index "customer_order_buyer_org_idx" on "customer_order" ("buyer_organization_id", "created_at");`,
    );
    this.addSql(`create index "customer_order_buyer_user_idx" on "customer_order" ("buyer_user_id", "created_at");`);
    this.addSql(
      `alter table "customer_order" add constraint "customer_order_idempotency_unique" unique ("buyer_user_id", "idempotency_key");`,
    );

    this.addSql(
      `create table "supplier_order" ("id" uuid not null, "order_id" uuid not null, "producer_id" uuid not null, "status" text not null default 'PLACED', "delivery" jsonb not null, "producer_location" jsonb not null, "delivery_location" jsonb not null, "goods_cents" int not null, "fee_cents" int not null, "fee_by_rate" jsonb not null, "vat_by_rate" jsonb not null, "subtotal_cents" int not null, "vat_cents" int not null, "total_cents" int not null, "carbon" jsonb not null, "placement_carbon" jsonb null, "emissions_kg_co2e" double precision not null, "baseline_kg_co2e" double precision not null, "mass_kg" double precision not null, "odometer_km" double precision null, "delivered_at" timestamptz null, "cancel_reason" varchar(500) null, "created_at" timestamptz not null, "status_changed_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "supplier_order_order_idx" on "supplier_order" ("order_id");`);
    this.addSql(`create index "supplier_order_producer_idx" on "supplier_order" ("producer_id", "created_at");`);

    this.addSql(
      `create table "order_line" ("id" uuid not null, "supplier_order_id" uuid not null, "position" int not null, "product_id" uuid not null, "name" varchar(200) not null, "unit" varchar(10) not null, "category" varchar(30) not null, "quantity_thousandths" int not null, "unit_price_cents" int not null, "vat_rate_basis_points" int not null, "total_cents" int not null, "mass_kg" double precision not null, "intermediaries" int not null, "brand_ids" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`create index "order_line_supplier_order_idx" on "order_line" ("supplier_order_id");`);
    this.addSql(`create index "order_line_product_idx" on "order_line" ("product_id");`);

    this.addSql(
      `create table "supplier_order_transition" ("id" uuid not null, "supplier_order_id" uuid not null, "from_status" text null, "to_status" text not null, "actor_user_id" uuid not null, "reason" varchar(500) null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "supplier_order_transition_order_idx" on "supplier_order_transition" ("supplier_order_id");`,
    );

    this.addSql(`alter table "product" add constraint "product_stock_not_negative" check (stock_thousandths >= 0);`);

    this.addSql(
      `alter table "customer_order" add constraint "customer_order_channel_check" check ("channel" in ('B2B', 'B2C'));`,
    );
    this.addSql(
      `alter table "customer_order" add constraint "customer_order_payment_method_check" check ("payment_method" in ('CARD', 'INVOICE'));`,
    );
    this.addSql(
      `alter table "customer_order" add constraint "customer_order_delivery_precision_check" check ("delivery_precision" in ('ADDRESS', 'COMMUNE', 'DEPARTMENT'));`,
    );

    this.addSql(
      `alter table "supplier_order" add constraint "supplier_order_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "supplier_order" add constraint "supplier_order_status_check" check ("status" in ('PLACED', 'CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );

    this.addSql(
      `alter table "order_line" add constraint "order_line_supplier_order_id_foreign" foreign key ("supplier_order_id") references "supplier_order" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "supplier_order_transition" add constraint "supplier_order_transition_from_status_check" check ("from_status" in ('PLACED', 'CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );
    this.addSql(
      `alter table "supplier_order_transition" add constraint "supplier_order_transition_to_status_check" check ("to_status" in ('PLACED', 'CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "supplier_order" drop constraint "supplier_order_order_id_foreign";`);
    this.addSql(`alter table "order_line" drop constraint "order_line_supplier_order_id_foreign";`);

    this.addSql(`drop table if exists "customer_order" cascade;`);
    this.addSql(`drop table if exists "supplier_order" cascade;`);
    this.addSql(`drop table if exists "order_line" cascade;`);
    this.addSql(`drop table if exists "supplier_order_transition" cascade;`);

    this.addSql(`alter table "product" drop constraint "product_stock_not_negative";`);
  }
}
