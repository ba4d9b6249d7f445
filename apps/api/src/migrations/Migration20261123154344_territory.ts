import { Migration } from '@mikro-orm/migrations';

export class Migration20261123154344_territory extends Migration {
  override name = 'Migration20261123154344_territory';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "brand" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(120) not null, "slug" varchar(80) not null, "department_codes" jsonb not null, "charter" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "brand_organization_idx" on "brand" ("organization_id");`);
    this.addSql(`alter table "brand" add constraint "brand_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "brand_decision" ("id" uuid not null, "brand_id" uuid not null, "subject" text not null, "subject_id" uuid not null, "from_status" text not null, "to_status" text not null, "reason" text null, "decided_by_id" uuid not null, "decided_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "brand_decision_brand_idx" on "brand_decision" ("brand_id");`);
    this.addSql(`create index "brand_decision_subject_idx" on "brand_decision" ("subject_id");`);

    this.addSql(
      `create table "brand_membership" ("id" uuid not null, "brand_id" uuid not null, "producer_id" uuid not null, "status" text not null default 'PENDING', "message" text null, "reason" text null, "decided_at" timestamptz null, "decided_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "brand_membership_producer_idx" on "brand_membership" ("producer_id");`);
    this.addSql(
      `alter table "brand_membership" add constraint "brand_membership_brand_producer_unique" unique ("brand_id", "producer_id");`,
    );

    this.addSql(
      `create table "commune_coordinates" ("insee_code" varchar(5) not null, "latitude" double precision not null, "longitude" double precision not null, "imported_at" timestamptz not null, primary key ("insee_code"));`,
    );

    this.addSql(
      `alter table "brand_decision" add constraint "brand_decision_subject_check" check ("subject" in ('MEMBERSHIP', 'PRODUCT_LABEL'));`,
    );
    this.addSql(
      `alter table "brand_decision" add constraint "brand_decision_from_status_check" check ("from_status" in ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED'));`,
    );
    this.addSql(
      `alter table "brand_decision" add constraint "brand_decision_to_status_check" check ("to_status" in ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED'));`,
    );

    this.addSql(
      `alter table "brand_membership" add constraint "brand_membership_brand_id_foreign" foreign key ("brand_id") references "brand" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "brand_membership" add constraint "brand_membership_status_check" check ("status" in ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "brand_membership" drop constraint "brand_membership_brand_id_foreign";`);

    this.addSql(`drop table if exists "brand" cascade;`);
    this.addSql(`drop table if exists "brand_decision" cascade;`);
    this.addSql(`drop table if exists "brand_membership" cascade;`);
    this.addSql(`drop table if exists "commune_coordinates" cascade;`);
  }
}
