import { Migration } from '@mikro-orm/migrations';

/** How to reach an organization: a French phone number (E.164) and a contact e-mail, set by its owners. */
export class Migration20261222000000_organization_contact extends Migration {
  override name = 'Migration20261222000000_organization_contact';

  override up(): void | Promise<void> {
    this.addSql(`alter table "organization" add "phone" varchar(16) null, add "contact_email" varchar(254) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "organization" drop column "phone", drop column "contact_email";`);
  }
}
