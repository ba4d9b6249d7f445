import { Migration } from '@mikro-orm/migrations';

export class Migration20261130081228_payments extends Migration {

  override name = 'Migration20261130081228_payments';

  override up(): void | Promise<void> {
    this.addSql(`create table "brand" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(120) not null, "slug" varchar(80) not null, "department_codes" jsonb not null, "charter" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "brand_organization_idx" on "brand" ("organization_id");`);
    this.addSql(`alter table "brand" add constraint "brand_slug_unique" unique ("slug");`);

    this.addSql(`create table "brand_decision" ("id" uuid not null, "brand_id" uuid not null, "subject" text not null, "subject_id" uuid not null, "from_status" text not null, "to_status" text not null, "reason" text null, "decided_by_id" uuid not null, "decided_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "brand_decision_brand_idx" on "brand_decision" ("brand_id");`);
    this.addSql(`create index "brand_decision_subject_idx" on "brand_decision" ("subject_id");`);

    this.addSql(`create table "brand_membership" ("id" uuid not null, "brand_id" uuid not null, "producer_id" uuid not null, "status" text not null default 'PENDING', "message" text null, "reason" text null, "decided_at" timestamptz null, "decided_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "brand_membership_producer_idx" on "brand_membership" ("producer_id");`);
    this.addSql(`alter table "brand_membership" add constraint "brand_membership_brand_producer_unique" unique ("brand_id", "producer_id");`);

    this.addSql(`create table "catalog_producer" ("producer_id" uuid not null, "latitude" double precision not null, "longitude" double precision not null, "department_code" varchar(3) null, primary key ("producer_id"));`);
    this.addSql(`create index "catalog_producer_position_idx" on "catalog_producer" ("latitude", "longitude");`);

    this.addSql(`create table "commune_coordinates" ("insee_code" varchar(5) not null, "latitude" double precision not null, "longitude" double precision not null, "imported_at" timestamptz not null, primary key ("insee_code"));`);

    this.addSql(`create table "delivery_option" ("id" uuid not null, "producer_id" uuid not null, "mode" text not null, "label" varchar(120) not null, "vehicle_id" varchar(60) null, "max_distance_km" double precision null, "fee_cents" int not null default 0, "min_order_cents" int not null default 0, "active" boolean not null default true, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "delivery_option_producer_idx" on "delivery_option" ("producer_id");`);

    this.addSql(`create table "invoice" ("id" uuid not null, "number" varchar(40) not null, "issuer_id" uuid not null, "series_year" int not null, "sequence" int not null, "supplier_order_id" uuid not null, "order_id" uuid not null, "buyer_organization_id" uuid null, "buyer_user_id" uuid not null, "payment_method" text not null, "issued_at" timestamptz not null, "delivery_date" date null, "due_date" date not null, "subtotal_cents" int not null, "vat_cents" int not null, "total_cents" int not null, "status" text not null, "paid_at" timestamptz null, "document" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "invoice_order_idx" on "invoice" ("order_id");`);
    this.addSql(`create index "invoice_buyer_organization_idx" on "invoice" ("buyer_organization_id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_supplier_order_unique" unique ("supplier_order_id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_issuer_series_sequence_unique" unique ("issuer_id", "series_year", "sequence");`);
    this.addSql(`alter table "invoice" add constraint "invoice_number_unique" unique ("number");`);

    this.addSql(`create table "invoice_series" ("id" uuid not null, "issuer_id" uuid not null, "year" int not null, "prefix" varchar(6) not null, "last_number" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "invoice_series" add constraint "invoice_series_prefix_year_unique" unique ("prefix", "year");`);
    this.addSql(`alter table "invoice_series" add constraint "invoice_series_issuer_year_unique" unique ("issuer_id", "year");`);

    this.addSql(`create table "customer_order" ("id" uuid not null, "number" varchar(20) not null, "buyer_user_id" uuid not null, "buyer_organization_id" uuid null, "channel" text not null, "payment_method" text not null, "idempotency_key" varchar(100) not null, "request_digest" varchar(64) not null, "delivery_line1" varchar(200) not null, "delivery_postal_code" varchar(5) not null, "delivery_city" varchar(120) null, "delivery_insee_code" varchar(5) null, "delivery_department_code" varchar(3) null, "delivery_latitude" double precision null, "delivery_longitude" double precision null, "delivery_precision" text not null, "subtotal_cents" int not null, "vat_cents" int not null, "total_cents" int not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_number_unique" unique ("number");`);
    this.addSql(`create index "customer_order_buyer_org_idx" on "customer_order" ("buyer_organization_id", "created_at");`);
    this.addSql(`create index "customer_order_buyer_user_idx" on "customer_order" ("buyer_user_id", "created_at");`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_idempotency_unique" unique ("buyer_user_id", "idempotency_key");`);

    this.addSql(`create table "organization" ("id" uuid not null, "kind" text not null, "name" varchar(200) not null, "siret" varchar(14) null, "vat_number" varchar(13) null, "address_line1" varchar(200) not null, "address_postal_code" varchar(5) not null, "address_city" varchar(120) null, "address_insee_code" varchar(5) null, "address_department_code" varchar(3) null, "address_latitude" double precision null, "address_longitude" double precision null, "address_precision" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "organization" add constraint "organization_kind_siret_unique" unique ("kind", "siret");`);

    this.addSql(`create table "outbox_message" ("id" bigserial primary key, "topic" varchar(120) not null, "payload" jsonb not null, "created_at" timestamptz not null, "available_at" timestamptz not null, "published_at" timestamptz null, "completed_at" timestamptz null, "failed_at" timestamptz null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`create index "outbox_message_pending_idx" on "outbox_message" ("completed_at", "failed_at", "available_at");`);

    this.addSql(`create table "payment" ("id" uuid not null, "order_id" uuid not null, "method" varchar(10) not null, "status" text not null default 'PENDING', "amount_cents" int not null, "refunded_cents" int not null default 0, "supplier_order_ids" jsonb not null, "payment_intent_id" varchar(255) null, "client_secret" varchar(255) null, "charge_id" varchar(255) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "payment" add constraint "payment_order_unique" unique ("order_id");`);
    this.addSql(`alter table "payment" add constraint "payment_intent_unique" unique ("payment_intent_id");`);

    this.addSql(`create table "payment_refund" ("id" uuid not null, "payment_id" uuid not null, "supplier_order_id" uuid null, "amount_cents" int not null, "stripe_refund_id" varchar(255) null, "reason" varchar(500) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "payment_refund_payment_idx" on "payment_refund" ("payment_id");`);
    this.addSql(`alter table "payment_refund" add constraint "payment_refund_supplier_order_unique" unique ("supplier_order_id");`);

    this.addSql(`create table "producer_payout_account" ("producer_id" uuid not null, "stripe_account_id" varchar(255) not null, "charges_enabled" boolean not null default false, "payouts_enabled" boolean not null default false, "transfers_active" boolean not null default false, "updated_at" timestamptz not null, primary key ("producer_id"));`);
    this.addSql(`alter table "producer_payout_account" add constraint "producer_payout_account_stripe_unique" unique ("stripe_account_id");`);

    this.addSql(`create table "producer_transfer" ("id" uuid not null, "order_id" uuid not null, "supplier_order_id" uuid not null, "producer_id" uuid not null, "amount_cents" int not null, "commission_cents" int not null, "stripe_transfer_id" varchar(255) null, "reversed_cents" int not null default 0, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "producer_transfer_order_idx" on "producer_transfer" ("order_id");`);
    this.addSql(`alter table "producer_transfer" add constraint "producer_transfer_supplier_order_unique" unique ("supplier_order_id");`);

    this.addSql(`create table "product" ("id" uuid not null, "producer_id" uuid not null, "name" varchar(200) not null, "description" text not null, "category" text not null, "unit" text not null, "unit_mass_kg" double precision not null, "price_cents" int not null, "vat_rate_basis_points" int not null, "b2b_price_tiers" jsonb not null, "stock_thousandths" int not null, "min_order_thousandths" int not null default 0, "certifications" jsonb not null, "search_text" text not null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "product_active_created_idx" on "product" ("active", "created_at");`);
    this.addSql(`create index "product_producer_idx" on "product" ("producer_id");`);
    this.addSql(`create index "product_search_idx" on "product" using gin (to_tsvector('french', "search_text"));`);

    this.addSql(`create table "product_label" ("id" uuid not null, "product_id" uuid not null, "brand_id" uuid not null, "producer_id" uuid not null, "status" text not null default 'PENDING', "suspended" boolean not null default false, "reason" text null, "decided_at" timestamptz null, "decided_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "product_label_brand_idx" on "product_label" ("brand_id");`);
    this.addSql(`alter table "product_label" add constraint "product_label_product_brand_unique" unique ("product_id", "brand_id");`);

    this.addSql(`create table "sent_email" ("dedupe_key" varchar(120) not null, "recipient" varchar(320) not null, "subject" varchar(200) not null, "text" text not null, "sent_at" timestamptz not null, primary key ("dedupe_key"));`);

    this.addSql(`create table "stripe_event" ("id" varchar(255) not null, "type" varchar(100) not null, "received_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "supplier_order" ("id" uuid not null, "order_id" uuid not null, "producer_id" uuid not null, "status" text not null default 'PLACED', "delivery" jsonb not null, "producer_location" jsonb not null, "delivery_location" jsonb not null, "goods_cents" int not null, "fee_cents" int not null, "fee_by_rate" jsonb not null, "vat_by_rate" jsonb not null, "subtotal_cents" int not null, "vat_cents" int not null, "total_cents" int not null, "carbon" jsonb not null, "placement_carbon" jsonb null, "emissions_kg_co2e" double precision not null, "baseline_kg_co2e" double precision not null, "mass_kg" double precision not null, "odometer_km" double precision null, "round_id" uuid null, "delivered_at" timestamptz null, "cancel_reason" varchar(500) null, "created_at" timestamptz not null, "status_changed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "supplier_order_order_idx" on "supplier_order" ("order_id");`);
    this.addSql(`create index "supplier_order_producer_idx" on "supplier_order" ("producer_id", "created_at");`);

    this.addSql(`create table "order_line" ("id" uuid not null, "supplier_order_id" uuid not null, "position" int not null, "product_id" uuid not null, "name" varchar(200) not null, "unit" varchar(10) not null, "category" varchar(30) not null, "quantity_thousandths" int not null, "unit_price_cents" int not null, "vat_rate_basis_points" int not null, "total_cents" int not null, "mass_kg" double precision not null, "intermediaries" int not null, "brand_ids" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "order_line_supplier_order_idx" on "order_line" ("supplier_order_id");`);
    this.addSql(`create index "order_line_product_idx" on "order_line" ("product_id");`);

    this.addSql(`create table "supplier_order_transition" ("id" uuid not null, "supplier_order_id" uuid not null, "from_status" text null, "to_status" text not null, "actor_user_id" uuid not null, "reason" varchar(500) null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "supplier_order_transition_order_idx" on "supplier_order_transition" ("supplier_order_id");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "email" varchar(254) not null, "password_hash" text not null, "display_name" varchar(100) not null, "is_platform_admin" boolean not null default false, "token_version" int not null default 0, "disabled_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(`create table "refresh_token" ("id" uuid not null, "user_id" uuid not null, "family_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "refresh_token_family_idx" on "refresh_token" ("family_id");`);

    this.addSql(`create table "membership" ("id" uuid not null, "user_id" uuid not null, "organization_id" uuid not null, "role" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "membership_organization_idx" on "membership" ("organization_id");`);
    this.addSql(`alter table "membership" add constraint "membership_user_organization_unique" unique ("user_id", "organization_id");`);

    this.addSql(`alter table "brand_decision" add constraint "brand_decision_subject_check" check ("subject" in ('MEMBERSHIP', 'PRODUCT_LABEL'));`);
    this.addSql(`alter table "brand_decision" add constraint "brand_decision_from_status_check" check ("from_status" in ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED'));`);
    this.addSql(`alter table "brand_decision" add constraint "brand_decision_to_status_check" check ("to_status" in ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED'));`);

    this.addSql(`alter table "brand_membership" add constraint "brand_membership_brand_id_foreign" foreign key ("brand_id") references "brand" ("id") on delete cascade;`);
    this.addSql(`alter table "brand_membership" add constraint "brand_membership_status_check" check ("status" in ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED'));`);

    this.addSql(`alter table "delivery_option" add constraint "delivery_option_mode_check" check ("mode" in ('PRODUCER_DELIVERY', 'PICKUP', 'CARRIER'));`);

    this.addSql(`alter table "invoice" add constraint "invoice_payment_method_check" check ("payment_method" in ('CARD', 'INVOICE'));`);
    this.addSql(`alter table "invoice" add constraint "invoice_status_check" check ("status" in ('ISSUED', 'PAID', 'OVERDUE', 'CANCELLED'));`);
    this.addSql(`create or replace function "invoice_invoice_immutable_update_fn"() returns trigger as \$\$ begin if (to_jsonb(new) - 'status' - 'paid_at') is distinct from (to_jsonb(old) - 'status' - 'paid_at') then raise exception 'Invoice % is issued: only its status and payment date may change; issue a credit note to correct it.', old.number using errcode = 'P0001'; end if; return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "invoice_immutable_update" BEFORE UPDATE on "invoice" for each ROW execute function "invoice_invoice_immutable_update_fn"();`);
    this.addSql(`create or replace function "invoice_invoice_immutable_delete_fn"() returns trigger as \$\$ begin raise exception 'Invoice % is issued and cannot be deleted; issue a credit note instead.', old.number using errcode = 'P0001'; return old; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "invoice_immutable_delete" BEFORE DELETE on "invoice" for each ROW execute function "invoice_invoice_immutable_delete_fn"();`);

    this.addSql(`alter table "customer_order" add constraint "customer_order_channel_check" check ("channel" in ('B2B', 'B2C'));`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_payment_method_check" check ("payment_method" in ('CARD', 'INVOICE'));`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_delivery_precision_check" check ("delivery_precision" in ('ADDRESS', 'COMMUNE', 'DEPARTMENT'));`);

    this.addSql(`alter table "organization" add constraint "organization_kind_check" check ("kind" in ('PRODUCER', 'BUSINESS', 'BRAND'));`);
    this.addSql(`alter table "organization" add constraint "organization_address_precision_check" check ("address_precision" in ('ADDRESS', 'COMMUNE', 'DEPARTMENT'));`);

    this.addSql(`alter table "payment" add constraint "payment_status_check" check ("status" in ('PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'INVOICED', 'PAID'));`);

    this.addSql(`alter table "product" add constraint "product_stock_not_negative" check (stock_thousandths >= 0);`);
    this.addSql(`alter table "product" add constraint "product_category_check" check ("category" in ('FRESH_VEGETABLES', 'FRESH_FRUITS', 'MEAT_CHARCUTERIE', 'DAIRY_CHEESE', 'EGGS', 'BAKERY', 'BEVERAGES', 'DRY_GROCERIES', 'CRAFTS_NON_FOOD'));`);
    this.addSql(`alter table "product" add constraint "product_unit_check" check ("unit" in ('KG', 'PIECE', 'LITRE'));`);

    this.addSql(`alter table "product_label" add constraint "product_label_product_id_foreign" foreign key ("product_id") references "product" ("id") on delete cascade;`);
    this.addSql(`alter table "product_label" add constraint "product_label_status_check" check ("status" in ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED'));`);

    this.addSql(`alter table "supplier_order" add constraint "supplier_order_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on delete cascade;`);
    this.addSql(`alter table "supplier_order" add constraint "supplier_order_status_check" check ("status" in ('PLACED', 'CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`);

    this.addSql(`alter table "order_line" add constraint "order_line_supplier_order_id_foreign" foreign key ("supplier_order_id") references "supplier_order" ("id") on delete cascade;`);

    this.addSql(`alter table "supplier_order_transition" add constraint "supplier_order_transition_from_status_check" check ("from_status" in ('PLACED', 'CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`);
    this.addSql(`alter table "supplier_order_transition" add constraint "supplier_order_transition_to_status_check" check ("to_status" in ('PLACED', 'CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED', 'CANCELLED'));`);

    this.addSql(`alter table "refresh_token" add constraint "refresh_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);

    this.addSql(`alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_role_check" check ("role" in ('OWNER', 'MEMBER'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "brand_membership" drop constraint "brand_membership_brand_id_foreign";`);
    this.addSql(`alter table "supplier_order" drop constraint "supplier_order_order_id_foreign";`);
    this.addSql(`alter table "membership" drop constraint "membership_organization_id_foreign";`);
    this.addSql(`alter table "product_label" drop constraint "product_label_product_id_foreign";`);
    this.addSql(`alter table "order_line" drop constraint "order_line_supplier_order_id_foreign";`);
    this.addSql(`alter table "refresh_token" drop constraint "refresh_token_user_id_foreign";`);
    this.addSql(`alter table "membership" drop constraint "membership_user_id_foreign";`);

    this.addSql(`drop table if exists "brand" cascade;`);
    this.addSql(`drop table if exists "brand_decision" cascade;`);
    this.addSql(`drop table if exists "brand_membership" cascade;`);
    this.addSql(`drop table if exists "catalog_producer" cascade;`);
    this.addSql(`drop table if exists "commune_coordinates" cascade;`);
    this.addSql(`drop table if exists "delivery_option" cascade;`);
    this.addSql(`drop trigger if exists "invoice_immutable_update" on "invoice";`);
    this.addSql(`drop function if exists "invoice_invoice_immutable_update_fn"();`);
    this.addSql(`drop trigger if exists "invoice_immutable_delete" on "invoice";`);
    this.addSql(`drop function if exists "invoice_invoice_immutable_delete_fn"();`);
    this.addSql(`drop table if exists "invoice" cascade;`);
    this.addSql(`drop table if exists "invoice_series" cascade;`);
    this.addSql(`drop table if exists "customer_order" cascade;`);
    this.addSql(`drop table if exists "organization" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "payment" cascade;`);
    this.addSql(`drop table if exists "payment_refund" cascade;`);
    this.addSql(`drop table if exists "producer_payout_account" cascade;`);
    this.addSql(`drop table if exists "producer_transfer" cascade;`);
    this.addSql(`drop table if exists "product" cascade;`);
    this.addSql(`drop table if exists "product_label" cascade;`);
    this.addSql(`drop table if exists "sent_email" cascade;`);
    this.addSql(`drop table if exists "stripe_event" cascade;`);
    this.addSql(`drop table if exists "supplier_order" cascade;`);
    this.addSql(`drop table if exists "order_line" cascade;`);
    this.addSql(`drop table if exists "supplier_order_transition" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "refresh_token" cascade;`);
    this.addSql(`drop table if exists "membership" cascade;`);
  }

}
