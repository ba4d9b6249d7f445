import { Migration } from '@mikro-orm/migrations';

export class Migration20261123150001_initial extends Migration {
  override name = 'Migration20261123150001_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "outbox_message" ("id" bigserial primary key, "topic" varchar(120) not null, "payload" jsonb not null, "created_at" timestamptz not null, "available_at" timestamptz not null, "published_at" timestamptz null, "completed_at" timestamptz null, "failed_at" timestamptz null, "attempts" int not null default 0, "last_error" text null);`,
    );
    this.addSql(
      `create index "outbox_message_pending_idx" on "outbox_message" ("completed_at", "failed_at", "available_at");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "outbox_message" cascade;`);
  }
}
