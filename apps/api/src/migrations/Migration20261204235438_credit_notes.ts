import { Migration } from '@mikro-orm/migrations';

export class Migration20261204235438_credit_notes extends Migration {
  override name = 'Migration20261204235438_credit_notes';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "credit_note" ("id" uuid not null, "number" varchar(40) not null, "issuer_id" uuid not null, "series_year" int not null, "sequence" int not null, "invoice_id" uuid not null, "supplier_order_id" uuid not null, "order_id" uuid not null, "buyer_organization_id" uuid null, "buyer_user_id" uuid not null, "source_key" varchar(200) not null, "issued_at" timestamptz not null, "reason" varchar(500) not null, "subtotal_cents" int not null, "vat_cents" int not null, "total_cents" int not null, "document" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`create index "credit_note_supplier_order_idx" on "credit_note" ("supplier_order_id");`);
    this.addSql(`create index "credit_note_invoice_idx" on "credit_note" ("invoice_id");`);
    this.addSql(`alter table "credit_note" add constraint "credit_note_source_key_unique" unique ("source_key");`);
    this.addSql(
      `alter table "credit_note" add constraint "credit_note_issuer_series_sequence_unique" unique ("issuer_id", "series_year", "sequence");`,
    );
    this.addSql(`alter table "credit_note" add constraint "credit_note_number_unique" unique ("number");`);

    this.addSql(
      `create table "credit_note_series" ("id" uuid not null, "issuer_id" uuid not null, "year" int not null, "prefix" varchar(6) not null, "last_number" int not null default 0, primary key ("id"));`,
    );
    this.addSql(
      `alter table "credit_note_series" add constraint "credit_note_series_issuer_year_unique" unique ("issuer_id", "year");`,
    );

    this.addSql(
      `create or replace function "credit_note_credit_note_immutable_update_fn"() returns trigger as \$\$ begin raise exception 'Credit note % is issued and cannot be changed.', old.number using errcode = 'P0001'; return new; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "credit_note_immutable_update" BEFORE UPDATE on "credit_note" for each ROW execute function "credit_note_credit_note_immutable_update_fn"();`,
    );
    this.addSql(
      `create or replace function "credit_note_credit_note_immutable_delete_fn"() returns trigger as \$\$ begin raise exception 'Credit note % is issued and cannot be deleted.', old.number using errcode = 'P0001'; return old; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "credit_note_immutable_delete" BEFORE DELETE on "credit_note" for each ROW execute function "credit_note_credit_note_immutable_delete_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "credit_note_immutable_update" on "credit_note";`);
    this.addSql(`drop function if exists "credit_note_credit_note_immutable_update_fn"();`);
    this.addSql(`drop trigger if exists "credit_note_immutable_delete" on "credit_note";`);
    this.addSql(`drop function if exists "credit_note_credit_note_immutable_delete_fn"();`);
    this.addSql(`drop table if exists "credit_note" cascade;`);
    this.addSql(`drop table if exists "credit_note_series" cascade;`);
  }
}
