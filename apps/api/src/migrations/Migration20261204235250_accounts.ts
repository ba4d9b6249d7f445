import { Migration } from '@mikro-orm/migrations';

export class Migration20261204235250_accounts extends Migration {
  override name = 'Migration20261204235250_accounts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "invitation" ("id" uuid not null, "organization_id" uuid not null, "email" varchar(254) not null, "role" text not null, "invited_by_user_id" uuid not null, "token_hash" varchar(64) null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "accepted_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "invitation" add constraint "invitation_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "invitation_organization_idx" on "invitation" ("organization_id");`);

    this.addSql(
      `create table "account_token" ("id" uuid not null, "user_id" uuid not null, "purpose" text not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "account_token" add constraint "account_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "account_token_user_idx" on "account_token" ("user_id", "purpose");`);

    // Existing accounts are not verified: nothing proved their addresses (requestEmailVerification sends a link).
    this.addSql(`alter table "app_user" add "email_verified_at" timestamptz null;`);
    // Every organization so far had one member, its creator, as OWNER; the roles now carry rights (PRODUCT.md §7).
    this.addSql(`update "membership" set "role" = 'OWNER' where "role" <> 'OWNER';`);

    this.addSql(
      `alter table "invitation" add constraint "invitation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "invitation" add constraint "invitation_role_check" check ("role" in ('OWNER', 'MEMBER'));`,
    );

    this.addSql(
      `alter table "account_token" add constraint "account_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "account_token" add constraint "account_token_purpose_check" check ("purpose" in ('PASSWORD_RESET', 'EMAIL_VERIFICATION'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "invitation" cascade;`);
    this.addSql(`drop table if exists "account_token" cascade;`);
    this.addSql(`alter table "app_user" drop column "email_verified_at";`);
  }
}
