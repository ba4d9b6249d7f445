import { Migration } from '@mikro-orm/migrations';

const STATUS_CHANGED = 'ordering.supplier-order-status-changed';
const DELIVERED = 'ordering.supplier-order-delivered';
const CANCELLED = 'ordering.supplier-order-cancelled';

/**
 * Issue #17 item 2: a fact is one outbox message delivered to each handler that subscribes to its topic, each
 * delivery with its own completion, retries and idempotency key. Issue #20 item 8: a delivery that stalls or outlives
 * the job age limit ends failed. Messages done before this migration count as dispatched; the ones still pending are
 * dispatched anew (to every handler of their topic), except the moves of a supplier order, whose three topics become
 * one; the failed ones keep their failure as a delivery to their handler of the time, so that support still sees
 * them and can run them again.
 */
export class Migration20261205150000_outbox_deliveries extends Migration {
  override name = 'Migration20261205150000_outbox_deliveries';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "outbox_delivery" ("id" bigserial primary key, "message_id" bigint not null, "handler" varchar(120) not null, "topic" varchar(120) not null, "created_at" timestamptz not null, "due_since" timestamptz not null, "available_at" timestamptz not null, "published_at" timestamptz null, "lease_until" timestamptz null, "stalls" int not null default 0, "completed_at" timestamptz null, "failed_at" timestamptz null, "attempts" int not null default 0, "last_error" text null);`,
    );
    this.addSql(
      `alter table "outbox_delivery" add constraint "outbox_delivery_message_handler_unique" unique ("message_id", "handler");`,
    );
    this.addSql(
      `create index "outbox_delivery_pending_idx" on "outbox_delivery" ("completed_at", "failed_at", "available_at");`,
    );
    this.addSql(`create index "outbox_delivery_failed_idx" on "outbox_delivery" ("failed_at");`);
    this.addSql(`alter table "outbox_message" add "dispatched_at" timestamptz null;`);
    // The handler each message had before: by name for the three topics of a supplier order's move (now one topic
    // with three handlers), `*` (the topic's only handler) for the others.
    const handler = `case "topic" when '${STATUS_CHANGED}' then 'SupplierOrderStatusNotification' when '${DELIVERED}' then 'InvoiceOnDeliveryHandler' when '${CANCELLED}' then 'CardRefundOnCancellation' else '*' end`;
    const pending = `"completed_at" is null and "failed_at" is null`;
    // Failed messages stay on support's list, as failed deliveries.
    this.addSql(
      `insert into "outbox_delivery" ("message_id", "handler", "topic", "created_at", "due_since", "available_at", "failed_at", "attempts", "last_error") select "id", ${handler}, "topic", "created_at", "available_at", "available_at", "failed_at", "attempts", "last_error" from "outbox_message" where "failed_at" is not null;`,
    );
    // Pending moves of a supplier order go to the one handler they were written for (a status change written with a
    // delivery or a cancellation must not reach the payments handlers twice).
    this.addSql(
      `insert into "outbox_delivery" ("message_id", "handler", "topic", "created_at", "due_since", "available_at", "attempts") select "id", ${handler}, "topic", now(), now(), "available_at", "attempts" from "outbox_message" where ${pending} and "topic" in ('${STATUS_CHANGED}', '${DELIVERED}', '${CANCELLED}');`,
    );
    this.addSql(
      `update "outbox_message" set "dispatched_at" = coalesce("completed_at", "failed_at", now()) where not (${pending}) or "topic" in ('${STATUS_CHANGED}', '${DELIVERED}', '${CANCELLED}');`,
    );
    // The retired topics become status changes.
    for (const [topic, to] of [
      [DELIVERED, 'DELIVERED'],
      [CANCELLED, 'CANCELLED'],
    ]) {
      this.addSql(
        `update "outbox_message" set "topic" = '${STATUS_CHANGED}', "payload" = "payload" || jsonb_build_object('to', '${to}') where "topic" = '${topic}';`,
      );
      this.addSql(`update "outbox_delivery" set "topic" = '${STATUS_CHANGED}' where "topic" = '${topic}';`);
    }
    this.addSql(`drop index "outbox_message_pending_idx";`);
    this.addSql(
      `alter table "outbox_message" drop column "published_at", drop column "completed_at", drop column "failed_at", drop column "attempts", drop column "last_error";`,
    );
    this.addSql(
      `create index "outbox_message_undispatched_idx" on "outbox_message" ("dispatched_at", "available_at");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "outbox_message_undispatched_idx";`);
    this.addSql(
      `alter table "outbox_message" add "published_at" timestamptz null, add "completed_at" timestamptz null, add "failed_at" timestamptz null, add "attempts" int not null default 0, add "last_error" text null;`,
    );
    this.addSql(
      `update "outbox_message" m set "completed_at" = m."dispatched_at" where m."dispatched_at" is not null and not exists (select 1 from "outbox_delivery" d where d."message_id" = m."id" and d."completed_at" is null);`,
    );
    this.addSql(
      `update "outbox_message" m set "failed_at" = d."failed_at", "attempts" = d."attempts", "last_error" = d."last_error" from "outbox_delivery" d where d."message_id" = m."id" and d."failed_at" is not null;`,
    );
    this.addSql(`alter table "outbox_message" drop column "dispatched_at";`);
    this.addSql(
      `create index "outbox_message_pending_idx" on "outbox_message" ("completed_at", "failed_at", "available_at");`,
    );
    this.addSql(`drop table if exists "outbox_delivery" cascade;`);
  }
}
