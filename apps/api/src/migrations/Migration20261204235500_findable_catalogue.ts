import { Migration } from '@mikro-orm/migrations';

/** The slug rule as it was when this migration was written (libs/identity/src/organizations/slug.ts), frozen here. */
function slugOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 96)
    .replace(/-+$/g, '');
  return slug || 'sans-nom';
}

/** Slugs for rows in creation order: the oldest keeps the bare slug, the next ones get -2, -3… */
function slugsFor(rows: { id: string; name: string }[]): Map<string, string> {
  const taken = new Set<string>();
  const slugs = new Map<string, string>();
  for (const row of rows) {
    const base = slugOf(row.name);
    let slug = base;
    for (let suffix = 2; taken.has(slug); suffix++) slug = `${base}-${suffix}`;
    taken.add(slug);
    slugs.set(row.id, slug);
  }
  return slugs;
}

/**
 * A catalogue people can find: slugs for organizations and products (backfilled from their names), a producer's
 * public description and logo, uploaded media, and products' photos.
 */
export class Migration20261204235500_findable_catalogue extends Migration {
  override name = 'Migration20261204235500_findable_catalogue';

  override async up(): Promise<void> {
    const organizations = (await this.execute(
      `select "id", "name" from "organization" order by "created_at", "id"`,
    )) as { id: string; name: string }[];
    const products = (await this.execute(`select "id", "name" from "product" order by "created_at", "id"`)) as {
      id: string;
      name: string;
    }[];

    this.addSql(
      `alter table "organization" add column "slug" varchar(100) null, add column "description" text null, add column "logo_media_id" uuid null;`,
    );
    for (const [id, slug] of slugsFor(organizations))
      this.addSql(`update "organization" set "slug" = '${slug}' where "id" = '${id}';`);
    this.addSql(`alter table "organization" alter column "slug" set not null;`);
    this.addSql(`alter table "organization" add constraint "organization_slug_unique" unique ("slug");`);

    this.addSql(`alter table "product" add column "slug" varchar(100) null;`);
    for (const [id, slug] of slugsFor(products))
      this.addSql(`update "product" set "slug" = '${slug}' where "id" = '${id}';`);
    this.addSql(`alter table "product" alter column "slug" set not null;`);
    this.addSql(`alter table "product" add constraint "product_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "media" ("id" uuid not null, "organization_id" uuid not null, "widths" jsonb not null, "width" int not null, "height" int not null, "uploaded_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "media_organization_idx" on "media" ("organization_id");`);

    this.addSql(
      `create table "product_image" ("id" uuid not null, "product_id" uuid not null, "media_id" uuid not null, "widths" jsonb not null, "width" int not null, "height" int not null, "alt" varchar(300) not null, "position" int not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "product_image_product_position_idx" on "product_image" ("product_id", "position");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "product_image" cascade;`);
    this.addSql(`drop table if exists "media" cascade;`);
    this.addSql(`alter table "product" drop constraint "product_slug_unique";`);
    this.addSql(`alter table "product" drop column "slug";`);
    this.addSql(`alter table "organization" drop constraint "organization_slug_unique";`);
    this.addSql(
      `alter table "organization" drop column "slug", drop column "description", drop column "logo_media_id";`,
    );
  }
}
