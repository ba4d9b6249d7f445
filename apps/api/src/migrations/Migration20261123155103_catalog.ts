import { Migration } from '@mikro-orm/migrations';

export class Migration20261123155103_catalog extends Migration {
  override name = 'Migration20261123155103_catalog';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "catalog_producer" ("producer_id" uuid not null, "latitude" double precision not null, "longitude" double precision not null, "department_code" varchar(3) null, primary key ("producer_id"));`,
    );
    this.addSql(`create index "catalog_producer_position_idx" on "catalog_producer" ("latitude", "longitude");`);

    this.addSql(
      `create table "delivery_option" ("id" uuid not null, "producer_id" uuid not null, "mode" text not null, "label" varchar(120) not null, "vehicle_id" varchar(60) null, "max_distance_km" double precision null, "fee_cents" int not null default 0, "min_order_cents" int not null default 0, "active" boolean not null default true, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "delivery_option_producer_idx" on "delivery_option" ("producer_id");`);

    this.addSql(
      `create table "product" ("id" uuid not null, "producer_id" uuid not null, "name" varchar(200) not null, "description" text not null, "category" text not null, "unit" text not null, "unit_mass_kg" double precision not null, "price_cents" int not null, "vat_rate_basis_points" int not null, "b2b_price_tiers" jsonb not null, "stock_thousandths" int not null, "min_order_thousandths" int not null default 0, "certifications" jsonb not null, "search_text" text not null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`create index "product_active_created_idx" on "product" ("active", "created_at");`);
    this.addSql(`create index "product_producer_idx" on "product" ("producer_id");`);

    this.addSql(
      `create table "product_label" ("id" uuid not null, "product_id" uuid not null, "brand_id" uuid not null, "producer_id" uuid not null, "status" text not null default 'PENDING', "suspended" boolean not null default false, "reason" text null, "decided_at" timestamptz null, "decided_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "product_label_brand_idx" on "product_label" ("brand_id");`);
    this.addSql(
      `alter table "product_label" add constraint "product_label_product_brand_unique" unique ("product_id", "brand_id");`,
    );

    this.addSql(
      `alter table "delivery_option" add constraint "delivery_option_mode_check" check ("mode" in ('PRODUCER_DELIVERY', 'PICKUP', 'CARRIER'));`,
    );

    this.addSql(
      `alter table "product" add constraint "product_category_check" check ("category" in ('FRESH_VEGETABLES', 'FRESH_FRUITS', 'MEAT_CHARCUTERIE', 'DAIRY_CHEESE', 'EGGS', 'BAKERY', 'BEVERAGES', 'DRY_GROCERIES', 'CRAFTS_NON_FOOD'));`,
    );
    this.addSql(
      `alter table "product" add constraint "product_unit_check" check ("unit" in ('KG', 'PIECE', 'LITRE'));`,
    );

    this.addSql(
      `alter table "product_label" add constraint "product_label_product_id_foreign" foreign key ("product_id") references "product" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "product_label" add constraint "product_label_status_check" check ("status" in ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED'));`,
    );

    // French full-text search on the normalized name and description (the product search's `text` filter).
    this.addSql(`create index "product_search_idx" on "product" using gin (to_tsvector('french', "search_text"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "product_label" drop constraint "product_label_product_id_foreign";`);

    this.addSql(`drop table if exists "catalog_producer" cascade;`);
    this.addSql(`drop table if exists "delivery_option" cascade;`);
    this.addSql(`drop table if exists "product" cascade;`);
    this.addSql(`drop table if exists "product_label" cascade;`);
  }
}
