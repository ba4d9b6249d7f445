import { Migration } from '@mikro-orm/migrations';

/** Issue #20 item 9: when Stripe wrote a payout account's state, so that an older `account.updated` changes nothing. */
export class Migration20261205005000_stripe_account_event_time extends Migration {
  override name = 'Migration20261205005000_stripe_account_event_time';

  override up(): void | Promise<void> {
    this.addSql(`alter table "producer_payout_account" add "stripe_updated_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "producer_payout_account" drop column "stripe_updated_at";`);
  }
}
