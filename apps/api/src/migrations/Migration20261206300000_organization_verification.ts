import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #20 item 5: an organization is UNVERIFIED until a platform admin decides VERIFIED or REJECTED, with the
 * SIRENE directory's answer kept beside it. The organizations that exist already (the demo territory's among them)
 * were trusted until now and become VERIFIED. A SIRET may be claimed by several organizations of a kind, of which at
 * most one is VERIFIED (a partial unique index): the first to type a farm's SIRET no longer blocks the farm.
 */
export class Migration20261206300000_organization_verification extends Migration {
  override name = 'Migration20261206300000_organization_verification';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "organization" add "verification_status" text not null default 'UNVERIFIED', add "verification_reason" text null, add "verification_decided_at" timestamptz null, add "sirene_check" jsonb null;`,
    );
    this.addSql(
      `alter table "organization" add constraint "organization_verification_status_check" check ("verification_status" in ('UNVERIFIED', 'VERIFIED', 'REJECTED'));`,
    );
    this.addSql(
      `update "organization" set "verification_status" = 'VERIFIED', "verification_reason" = 'Existait avant la vérification des organisations.', "verification_decided_at" = now();`,
    );
    this.addSql(`alter table "organization" drop constraint "organization_kind_siret_unique";`);
    this.addSql(`create index "organization_kind_siret_idx" on "organization" ("kind", "siret");`);
    this.addSql(
      `create unique index "organization_verified_siret_unique" on "organization" ("kind", "siret") where "verification_status" = 'VERIFIED';`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "organization_verified_siret_unique";`);
    this.addSql(`drop index "organization_kind_siret_idx";`);
    this.addSql(`delete from "organization" where "verification_status" <> 'VERIFIED';`);
    this.addSql(`alter table "organization" add constraint "organization_kind_siret_unique" unique ("kind", "siret");`);
    this.addSql(`alter table "organization" drop constraint "organization_verification_status_check";`);
    this.addSql(
      `alter table "organization" drop column "verification_status", drop column "verification_reason", drop column "verification_decided_at", drop column "sirene_check";`,
    );
  }
}
