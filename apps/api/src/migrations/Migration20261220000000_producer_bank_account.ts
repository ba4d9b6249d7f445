import { Migration } from '@mikro-orm/migrations';

/** A producer's bank details for the invoices its business buyers pay by transfer: IBAN and optional BIC. */
export class Migration20261220000000_producer_bank_account extends Migration {
  override name = 'Migration20261220000000_producer_bank_account';

  override up(): void | Promise<void> {
    this.addSql(`alter table "organization" add "iban" varchar(34) null, add "bic" varchar(11) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "organization" drop column "iban", drop column "bic";`);
  }
}
