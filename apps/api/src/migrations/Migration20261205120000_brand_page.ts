import { Migration } from '@mikro-orm/migrations';

/** Issue #22 item 3: the public brand page's content edited by its managers (`/marque/page`): territory text, logo. */
export class Migration20261205120000_brand_page extends Migration {
  override name = 'Migration20261205120000_brand_page';

  override up(): void | Promise<void> {
    this.addSql(`alter table "brand" add "territory_text" text null, add "logo_media_id" uuid null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "brand" drop column "territory_text", drop column "logo_media_id";`);
  }
}
