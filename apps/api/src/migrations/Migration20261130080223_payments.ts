import { Migration } from '@mikro-orm/migrations';

export class Migration20261130080223_payments extends Migration {

  override name = 'Migration20261130080223_payments';

  override up(): void | Promise<void> {
    this.addSql(`create table "invoice" ("id" uuid not null, "number" varchar(40) not null, "issuer_id" uuid not null, "series_year" int not null, "sequence" int not null, "supplier_order_id" uuid not null, "order_id" uuid not null, "buyer_organization_id" uuid null, "buyer_user_id" uuid not null, "payment_method" text not null, "issued_at" timestamptz not null, "delivery_date" date null, "due_date" date not null, "subtotal_cents" int not null, "vat_cents" int not null, "total_cents" int not null, "status" text not null, "paid_at" timestamptz null, "document" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "invoice_order_idx" on "invoice" ("order_id");`);
    this.addSql(`create index "invoice_buyer_organization_idx" on "invoice" ("buyer_organization_id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_supplier_order_unique" unique ("supplier_order_id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_issuer_series_sequence_unique" unique ("issuer_id", "series_year", "sequence");`);
    this.addSql(`alter table "invoice" add constraint "invoice_number_unique" unique ("number");`);

    this.addSql(`create table "invoice_series" ("id" uuid not null, "issuer_id" uuid not null, "year" int not null, "prefix" varchar(6) not null, "last_number" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "invoice_series" add constraint "invoice_series_prefix_year_unique" unique ("prefix", "year");`);
    this.addSql(`alter table "invoice_series" add constraint "invoice_series_issuer_year_unique" unique ("issuer_id", "year");`);

    this.addSql(`alter table "supplier_order" add "round_id" uuid null;`);

    this.addSql(`alter table "invoice" add constraint "invoice_payment_method_check" check ("payment_method" in ('CARD', 'INVOICE'));`);
    this.addSql(`alter table "invoice" add constraint "invoice_status_check" check ("status" in ('ISSUED', 'PAID', 'OVERDUE', 'CANCELLED'));`);

    // Issued invoices are immutable (DATA-05): only status and paid_at may change, deleting is refused, whoever connects.
    this.addSql(`create or replace function invoice_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'Invoice % is issued and cannot be deleted; issue a credit note instead.', old.number
      using errcode = 'P0001', hint = 'Issued invoices are immutable (DATA-05).';
  end if;
  if (to_jsonb(new) - 'status' - 'paid_at') is distinct from (to_jsonb(old) - 'status' - 'paid_at') then
    raise exception 'Invoice % is issued: only its status and payment date may change; issue a credit note to correct it.', old.number
      using errcode = 'P0001', hint = 'Issued invoices are immutable (DATA-05).';
  end if;
  return new;
end
$$`);
    this.addSql(`create or replace trigger invoice_immutable_update before update on invoice for each row execute function invoice_immutable()`);
    this.addSql(`create or replace trigger invoice_immutable_delete before delete on invoice for each row execute function invoice_immutable()`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists invoice_immutable_delete on invoice`);
    this.addSql(`drop trigger if exists invoice_immutable_update on invoice`);
    this.addSql(`drop function if exists invoice_immutable()`);
    this.addSql(`drop table if exists "invoice" cascade;`);
    this.addSql(`drop table if exists "invoice_series" cascade;`);

    this.addSql(`alter table "supplier_order" drop column "round_id";`);
  }

}
