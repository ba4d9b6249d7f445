import { Migration } from '@mikro-orm/migrations';

export class Migration20261204235704_brand_admin extends Migration {
  override name = 'Migration20261204235704_brand_admin';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_entry" ("id" bigserial primary key, "actor_id" uuid null, "action" varchar(80) not null, "target_type" varchar(40) not null, "target_id" varchar(64) null, "reason" text null, "details" jsonb not null, "recorded_at" timestamptz not null);`,
    );
    this.addSql(`create index "audit_entry_recorded_idx" on "audit_entry" ("recorded_at", "id");`);

    this.addSql(
      `create table "commission_rate" ("id" uuid not null, "basis_points" int not null, "set_by_id" uuid not null, "set_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "commission_rate_set_idx" on "commission_rate" ("set_at", "id");`);

    this.addSql(
      `alter table "brand" add "status" text not null default 'PENDING_VERIFICATION', add "verified_at" timestamptz null, add "verified_by_id" uuid null;`,
    );
    this.addSql(
      `alter table "brand" add constraint "brand_status_check" check ("status" in ('PENDING_VERIFICATION', 'VERIFIED'));`,
    );
    // The brands that exist already were opened before verification existed: they stay public and keep deciding.
    this.addSql(`update "brand" set "status" = 'VERIFIED', "verified_at" = "created_at";`);

    this.addSql(`alter table "payment" add "commission_basis_points" int null;`);

    this.addSql(
      `create or replace function "audit_entry_audit_entry_append_only_fn"() returns trigger as \$\$ begin raise exception 'The audit log is append-only: entry % cannot be changed or deleted.', old.id using errcode = 'P0001'; return null; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "audit_entry_append_only" BEFORE UPDATE OR DELETE on "audit_entry" for each ROW execute function "audit_entry_audit_entry_append_only_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "audit_entry_append_only" on "audit_entry";`);
    this.addSql(`drop function if exists "audit_entry_audit_entry_append_only_fn"();`);
    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop table if exists "commission_rate" cascade;`);

    this.addSql(`alter table "brand" drop constraint "brand_status_check";`);
    this.addSql(`alter table "brand" drop column "status", drop column "verified_at", drop column "verified_by_id";`);

    this.addSql(`alter table "payment" drop column "commission_basis_points";`);
  }
}
