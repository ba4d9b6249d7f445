import { Migration } from '@mikro-orm/migrations';

/** The days a producer closed on a delivery option (holidays, a market day): no buyer may choose them. */
export class Migration20261221000000_delivery_closed_dates extends Migration {
  override name = 'Migration20261221000000_delivery_closed_dates';

  override up(): void | Promise<void> {
    this.addSql(`alter table "delivery_option" add "closed_dates" jsonb not null default '[]';`);
    this.addSql(`alter table "delivery_option" alter column "closed_dates" drop default;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "delivery_option" drop column "closed_dates";`);
  }
}
