import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #20 item 12 (AUTH-07): the sign-in that opened each refresh-token family, from which the session's absolute
 * lifetime counts. Existing families started, at the latest, with their oldest token.
 */
export class Migration20261205010500_session_lifetime extends Migration {
  override name = 'Migration20261205010500_session_lifetime';

  override up(): void | Promise<void> {
    this.addSql(`alter table "refresh_token" add "session_started_at" timestamptz null;`);
    this.addSql(
      `update "refresh_token" r set "session_started_at" = f."started_at" from (select "family_id", min("created_at") as "started_at" from "refresh_token" group by "family_id") f where f."family_id" = r."family_id";`,
    );
    this.addSql(`alter table "refresh_token" alter column "session_started_at" set not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "refresh_token" drop column "session_started_at";`);
  }
}
