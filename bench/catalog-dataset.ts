import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 10_000);
const PRODUCTS_PER_PRODUCER = 10;
const COMMUNES_CSV = resolve(__dirname, '../../shared/data/communes-coordinates.csv');
const CATEGORIES = [
  'FRESH_VEGETABLES',
  'FRESH_FRUITS',
  'MEAT_CHARCUTERIE',
  'DAIRY_CHEESE',
  'EGGS',
  'BAKERY',
  'BEVERAGES',
  'DRY_GROCERIES',
  'CRAFTS_NON_FOOD',
];

/** Producers in real communes: every n-th commune of the shared coordinates file, deterministic. */
function communes(
  count: number,
): { insee: string; name: string; department: string; postalCode: string; latitude: number; longitude: number }[] {
  const rows = readFileSync(COMMUNES_CSV, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const usable = rows.filter((row) => row.length === 6 && row[4] && row[5] && !row[1].includes('"'));
  const step = Math.max(1, Math.floor(usable.length / count));
  return Array.from({ length: count }, (_, index) => usable[(index * step) % usable.length]).map(
    ([insee, name, department, postalCode, latitude, longitude]) => ({
      insee,
      name,
      department,
      postalCode,
      latitude: Number(latitude),
      longitude: Number(longitude),
    }),
  );
}

/**
 * PRODUCT.md §6's catalog: 10,000 producers in real communes (from ../shared/data/communes-coordinates.csv, read at
 * run time, never copied) and 100,000 products, with bulk SQL. Idempotent: skipped when the producers are there.
 */
export async function seedCatalogDataset(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ n }] = (
      await client.query("select count(*)::int as n from organization where name like 'Producteur de banc %'")
    ).rows;
    if (n >= PRODUCERS) return;
    const places = communes(PRODUCERS);
    await client.query('begin');
    await client.query(
      `insert into organization (id, kind, name, address_line1, address_postal_code, address_city, address_insee_code, address_department_code, address_latitude, address_longitude, address_precision, created_at, slug)
       select ('10000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'PRODUCER', 'Producteur de banc ' || i, 'Lieu-dit ' || i, p, c, insee, d, lat, lon, 'ADDRESS', now(), 'producteur-de-banc-' || i
       from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[]) as t(i, insee, c, d, p, lat, lon)
       on conflict do nothing`,
      [
        places.map((_, index) => index + 1),
        places.map((place) => place.insee),
        places.map((place) => place.name),
        places.map((place) => place.department),
        places.map((place) => place.postalCode),
        places.map((place) => place.latitude),
        places.map((place) => place.longitude),
      ],
    );
    await client.query(
      `insert into catalog_producer (producer_id, latitude, longitude, department_code)
       select id, address_latitude, address_longitude, address_department_code from organization where name like 'Producteur de banc %'
       on conflict do nothing`,
    );
    await client.query(
      `insert into product (id, producer_id, name, description, category, unit, unit_mass_kg, price_cents, vat_rate_basis_points, b2b_price_tiers, stock_thousandths, min_order_thousandths,
         certifications, search_text, active, created_at, updated_at, version, slug)
       select gen_random_uuid(), o.id, 'Produit ' || k || ' de ' || o.name, 'Un produit de la ferme, récolté à ' || o.address_city || '.', ($1::text[])[1 + (k % 9)], 'KG', 1,
              200 + (k * 37 % 3000), 550, '[]', 100000, 0, '[]', lower('produit ' || k || ' ' || o.address_city), true, now() - (k * interval '1 minute'), now(), 1, 'produit-' || k || '-de-' || o.slug
       from organization o, generate_series(1, $2) k where o.name like 'Producteur de banc %'`,
      [CATEGORIES, PRODUCTS_PER_PRODUCER],
    );
    await client.query('commit');
    await client.query('analyze');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Bench hygiene before the catalog reads: `VACUUM (ANALYZE) product`. The order benches of earlier runs on this
 * database (and the order dataset's seeding) update stock rows, which leaves the table's visibility map unset; the
 * listing's capped count then visits a heap page for every product it counts (its floor fell from 1,312 to 530 req/s
 * after a run of the order benches, bench/RESULTS.md; 515 against 973 req/s unvacuumed/vacuumed on 2026-12-05). In
 * production autovacuum sets the map again soon after such writes; a bench that reads right after its own order runs
 * would measure its own leftovers, not the catalog.
 */
export async function vacuumCatalog(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('vacuum (analyze) product');
  } finally {
    await client.end();
  }
}

/** How many products the catalog shows (the listing's size). */
export async function activeProducts(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query('select count(*)::int as n from product where active = true')).rows[0].n as number;
  } finally {
    await client.end();
  }
}
