import { Migration } from '@mikro-orm/migrations';

export class Migration20261130082925_reporting extends Migration {
  override name = 'Migration20261130082925_reporting';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "export_job" ("id" uuid not null, "organization_id" uuid not null, "requested_by_user_id" uuid not null, "format" text not null, "from_day" varchar(10) not null, "to_day" varchar(10) not null, "local_radius_km" double precision not null, "status" text not null default 'QUEUED', "progress" double precision not null default 0, "row_count" int not null default 0, "file_name" varchar(200) null, "error" varchar(500) null, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "export_job_organization_idx" on "export_job" ("organization_id");`);
    this.addSql(`create index "export_job_finished_idx" on "export_job" ("finished_at");`);

    this.addSql(
      `alter table "export_job" add constraint "export_job_format_check" check ("format" in ('CSV', 'XLSX', 'PDF'));`,
    );
    this.addSql(
      `alter table "export_job" add constraint "export_job_status_check" check ("status" in ('QUEUED', 'RUNNING', 'DONE', 'FAILED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "export_job" cascade;`);
  }
}
