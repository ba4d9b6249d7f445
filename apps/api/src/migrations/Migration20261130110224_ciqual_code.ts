import { Migration } from '@mikro-orm/migrations';

export class Migration20261130110224_ciqual_code extends Migration {
  override name = 'Migration20261130110224_ciqual_code';

  override up(): void | Promise<void> {
    this.addSql(`alter table "product" add "ciqual_code" varchar(6) null;`);

    this.addSql(`alter table "order_line" add "ciqual_code" varchar(6) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "order_line" drop column "ciqual_code";`);

    this.addSql(`alter table "product" drop column "ciqual_code";`);
  }
}
