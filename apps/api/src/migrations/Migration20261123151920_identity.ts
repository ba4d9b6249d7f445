import { Migration } from '@mikro-orm/migrations';

export class Migration20261123151920_identity extends Migration {
  override name = 'Migration20261123151920_identity';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "organization" ("id" uuid not null, "kind" text not null, "name" varchar(200) not null, "siret" varchar(14) null, "vat_number" varchar(13) null, "address_line1" varchar(200) not null, "address_postal_code" varchar(5) not null, "address_city" varchar(120) null, "address_insee_code" varchar(5) null, "address_department_code" varchar(3) null, "address_latitude" double precision null, "address_longitude" double precision null, "address_precision" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "organization" add constraint "organization_kind_siret_unique" unique ("kind", "siret");`);

    this.addSql(
      `create table "sent_email" ("dedupe_key" varchar(120) not null, "recipient" varchar(320) not null, "subject" varchar(200) not null, "text" text not null, "sent_at" timestamptz not null, primary key ("dedupe_key"));`,
    );

    this.addSql(
      `create table "app_user" ("id" uuid not null, "email" varchar(254) not null, "password_hash" text not null, "display_name" varchar(100) not null, "is_platform_admin" boolean not null default false, "token_version" int not null default 0, "disabled_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(
      `create table "refresh_token" ("id" uuid not null, "user_id" uuid not null, "family_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "refresh_token_family_idx" on "refresh_token" ("family_id");`);

    this.addSql(
      `create table "membership" ("id" uuid not null, "user_id" uuid not null, "organization_id" uuid not null, "role" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "membership_organization_idx" on "membership" ("organization_id");`);
    this.addSql(
      `alter table "membership" add constraint "membership_user_organization_unique" unique ("user_id", "organization_id");`,
    );

    this.addSql(
      `alter table "organization" add constraint "organization_kind_check" check ("kind" in ('PRODUCER', 'BUSINESS', 'BRAND'));`,
    );
    this.addSql(
      `alter table "organization" add constraint "organization_address_precision_check" check ("address_precision" in ('ADDRESS', 'COMMUNE', 'DEPARTMENT'));`,
    );

    this.addSql(
      `alter table "refresh_token" add constraint "refresh_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_role_check" check ("role" in ('OWNER', 'MEMBER'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "membership" drop constraint "membership_organization_id_foreign";`);
    this.addSql(`alter table "refresh_token" drop constraint "refresh_token_user_id_foreign";`);
    this.addSql(`alter table "membership" drop constraint "membership_user_id_foreign";`);

    this.addSql(`drop table if exists "organization" cascade;`);
    this.addSql(`drop table if exists "sent_email" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "refresh_token" cascade;`);
    this.addSql(`drop table if exists "membership" cascade;`);
  }
}
