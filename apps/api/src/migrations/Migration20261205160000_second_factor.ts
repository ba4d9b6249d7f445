import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #20 item 12 (AUTH-13): a second factor (TOTP) for platform admins and brand managers — the account's sealed
 * secret, a pending one during enrolment, the last time step accepted (replays refused), hashed one-time recovery
 * codes, and whether a session's sign-in passed the second factor.
 */
export class Migration20261205160000_second_factor extends Migration {
  override name = 'Migration20261205160000_second_factor';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "app_user" add "mfa_secret" text null, add "mfa_pending_secret" text null, add "mfa_enabled_at" timestamptz null, add "mfa_last_step" int null;`,
    );
    this.addSql(`alter table "refresh_token" add "second_factor" boolean not null default false;`);
    this.addSql(
      `create table "mfa_recovery_code" ("id" uuid not null, "user_id" uuid not null, "code_hash" varchar(64) not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "mfa_recovery_code_user_idx" on "mfa_recovery_code" ("user_id");`);
    this.addSql(
      `alter table "mfa_recovery_code" add constraint "mfa_recovery_code_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mfa_recovery_code" cascade;`);
    this.addSql(`alter table "refresh_token" drop column "second_factor";`);
    this.addSql(
      `alter table "app_user" drop column "mfa_secret", drop column "mfa_pending_secret", drop column "mfa_enabled_at", drop column "mfa_last_step";`,
    );
  }
}
