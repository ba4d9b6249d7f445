import { Migration } from '@mikro-orm/migrations';

export class Migration20261130082016_payments extends Migration {
  override name = 'Migration20261130082016_payments';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "daily_job_run" ("topic" varchar(120) not null, "day" varchar(10) not null, "enqueued_at" timestamptz not null, primary key ("topic", "day"));`,
    );

    this.addSql(
      `create table "invoice" ("id" uuid not null, "number" varchar(40) not null, "issuer_id" uuid not null, "series_year" int not null, "sequence" int not null, "supplier_order_id" uuid not null, "order_id" uuid not null, "buyer_organization_id" uuid null, "buyer_user_id" uuid not null, "payment_method" text not null, "issued_at" timestamptz not null, "delivery_date" date null, "due_date" date not null, "subtotal_cents" int not null, "vat_cents" int not null, "total_cents" int not null, "status" text not null, "paid_at" timestamptz null, "document" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`create index "invoice_order_idx" on "invoice" ("order_id");`);
    this.addSql(`create index "invoice_buyer_organization_idx" on "invoice" ("buyer_organization_id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_supplier_order_unique" unique ("supplier_order_id");`);
    this.addSql(
      `alter table "invoice" add constraint "invoice_issuer_series_sequence_unique" unique ("issuer_id", "series_year", "sequence");`,
    );
    this.addSql(`alter table "invoice" add constraint "invoice_number_unique" unique ("number");`);

    this.addSql(
      `create table "invoice_series" ("id" uuid not null, "issuer_id" uuid not null, "year" int not null, "prefix" varchar(6) not null, "last_number" int not null default 0, primary key ("id"));`,
    );
    this.addSql(
      `alter table "invoice_series" add constraint "invoice_series_prefix_year_unique" unique ("prefix", "year");`,
    );
    this.addSql(
      `alter table "invoice_series" add constraint "invoice_series_issuer_year_unique" unique ("issuer_id", "year");`,
    );

    this.addSql(
      `create table "payment" ("id" uuid not null, "order_id" uuid not null, "method" varchar(10) not null, "status" text not null default 'PENDING', "amount_cents" int not null, "refunded_cents" int not null default 0, "supplier_order_ids" jsonb not null, "payment_intent_id" varchar(255) null, "client_secret" varchar(255) null, "charge_id" varchar(255) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "payment" add constraint "payment_order_unique" unique ("order_id");`);
    this.addSql(`alter table "payment" add constraint "payment_intent_unique" unique ("payment_intent_id");`);

    this.addSql(
      `create table "payment_refund" ("id" uuid not null, "payment_id" uuid not null, "supplier_order_id" uuid null, "amount_cents" int not null, "stripe_refund_id" varchar(255) null, "reason" varchar(500) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "payment_refund_payment_idx" on "payment_refund" ("payment_id");`);
    this.addSql(
      `alter table "payment_refund" add constraint "payment_refund_supplier_order_unique" unique ("supplier_order_id");`,
    );

    this.addSql(
      `create table "producer_payout_account" ("producer_id" uuid not null, "stripe_account_id" varchar(255) not null, "charges_enabled" boolean not null default false, "payouts_enabled" boolean not null default false, "transfers_active" boolean not null default false, "updated_at" timestamptz not null, primary key ("producer_id"));`,
    );
    this.addSql(
      `alter table "producer_payout_account" add constraint "producer_payout_account_stripe_unique" unique ("stripe_account_id");`,
    );

    this.addSql(
      `create table "producer_transfer" ("id" uuid not null, "order_id" uuid not null, "supplier_order_id" uuid not null, "producer_id" uuid not null, "amount_cents" int not null, "commission_cents" int not null, "stripe_transfer_id" varchar(255) null, "refunded_cents" int not null default 0, "reversed_cents" int not null default 0, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "producer_transfer_order_idx" on "producer_transfer" ("order_id");`);
    this.addSql(
      `alter table "producer_transfer" add constraint "producer_transfer_supplier_order_unique" unique ("supplier_order_id");`,
    );

    this.addSql(
      `create table "stripe_event" ("id" varchar(255) not null, "type" varchar(100) not null, "received_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(`alter table "supplier_order" add "round_id" uuid null;`);

    this.addSql(
      `alter table "invoice" add constraint "invoice_payment_method_check" check ("payment_method" in ('CARD', 'INVOICE'));`,
    );
    this.addSql(
      `alter table "invoice" add constraint "invoice_status_check" check ("status" in ('ISSUED', 'PAID', 'OVERDUE', 'CANCELLED'));`,
    );
    this.addSql(
      `create or replace function "invoice_invoice_immutable_update_fn"() returns trigger as \$\$ begin if (to_jsonb(new) - 'status' - 'paid_at') is distinct from (to_jsonb(old) - 'status' - 'paid_at') then raise exception 'Invoice % is issued: only its status and payment date may change; issue a credit note to correct it.', old.number using errcode = 'P0001'; end if; return new; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "invoice_immutable_update" BEFORE UPDATE on "invoice" for each ROW execute function "invoice_invoice_immutable_update_fn"();`,
    );
    this.addSql(
      `create or replace function "invoice_invoice_immutable_delete_fn"() returns trigger as \$\$ begin raise exception 'Invoice % is issued and cannot be deleted; issue a credit note instead.', old.number using errcode = 'P0001'; return old; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "invoice_immutable_delete" BEFORE DELETE on "invoice" for each ROW execute function "invoice_invoice_immutable_delete_fn"();`,
    );

    this.addSql(
      `alter table "payment" add constraint "payment_status_check" check ("status" in ('PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'INVOICED', 'PAID'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "daily_job_run" cascade;`);
    this.addSql(`drop trigger if exists "invoice_immutable_update" on "invoice";`);
    this.addSql(`drop function if exists "invoice_invoice_immutable_update_fn"();`);
    this.addSql(`drop trigger if exists "invoice_immutable_delete" on "invoice";`);
    this.addSql(`drop function if exists "invoice_invoice_immutable_delete_fn"();`);
    this.addSql(`drop table if exists "invoice" cascade;`);
    this.addSql(`drop table if exists "invoice_series" cascade;`);
    this.addSql(`drop table if exists "payment" cascade;`);
    this.addSql(`drop table if exists "payment_refund" cascade;`);
    this.addSql(`drop table if exists "producer_payout_account" cascade;`);
    this.addSql(`drop table if exists "producer_transfer" cascade;`);
    this.addSql(`drop table if exists "stripe_event" cascade;`);

    this.addSql(`alter table "supplier_order" drop column "round_id";`);
  }
}
