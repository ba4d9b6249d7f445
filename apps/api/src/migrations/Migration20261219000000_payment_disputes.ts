import { Migration } from '@mikro-orm/migrations';

/**
 * PAY-17: a card payment's dispute (one per charge), found by the charge it disputes; what a producer got back when
 * a dispute it had given its share of is won (`retransferred_cents`).
 */
export class Migration20261219000000_payment_disputes extends Migration {
  override name = 'Migration20261219000000_payment_disputes';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "payment_dispute" ("id" uuid not null, "payment_id" uuid not null, "stripe_dispute_id" varchar(255) not null, "amount_cents" int not null, "disputed_cents" int not null default 0, "status" varchar(50) not null, "outcome" varchar(10) not null, "reason" varchar(50) null, "parts" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), constraint payment_dispute_amount_check check (amount_cents >= 0 and disputed_cents >= 0));`,
    );
    this.addSql(`alter table "payment_dispute" add constraint "payment_dispute_payment_unique" unique ("payment_id");`);
    this.addSql(
      `alter table "payment_dispute" add constraint "payment_dispute_stripe_unique" unique ("stripe_dispute_id");`,
    );
    this.addSql(`create index "payment_charge_idx" on "payment" ("charge_id");`);
    this.addSql(`alter table "producer_transfer" add column "retransferred_cents" int not null default 0;`);
    this.addSql(`alter table "producer_transfer" drop constraint "producer_transfer_amounts_check";`);
    this.addSql(
      `alter table "producer_transfer" add constraint "producer_transfer_amounts_check" check (amount_cents >= 0 and commission_cents >= 0 and refunded_cents >= 0 and reversed_cents >= 0 and retransferred_cents >= 0);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "producer_transfer" drop constraint "producer_transfer_amounts_check";`);
    this.addSql(
      `alter table "producer_transfer" add constraint "producer_transfer_amounts_check" check (amount_cents >= 0 and commission_cents >= 0 and refunded_cents >= 0 and reversed_cents >= 0);`,
    );
    this.addSql(`alter table "producer_transfer" drop column "retransferred_cents";`);
    this.addSql(`drop index "payment_charge_idx";`);
    this.addSql(`drop table if exists "payment_dispute" cascade;`);
  }
}
