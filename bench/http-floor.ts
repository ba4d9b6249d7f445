import { deepStrictEqual } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { Pool } from 'pg';
import { EARTH_RADIUS_KM } from '@app/carbon';

/**
 * The one-SQL floor of a catalog read: a bare `node:http` server that answers the very JSON the API answers with one
 * prepared statement through `pg` (the JSON built by PostgreSQL, written as it comes). No framework, no ORM, no
 * GraphQL: what the read costs when only the database and the socket work. The statements are the best single ones
 * for each answer, so a cheaper SQL in the product raises both the API and its floor.
 */

/**
 * PostgreSQL connections per API process, and in each floor's pool: the production default (`DATABASE_POOL_MAX`,
 * README). On this 2-core machine 20 did worse for both sides than 10 (near-search p99 44–55 ms against 30–39 ms,
 * RESULTS.md, nineteenth session): twenty backends took turns on two cores.
 */
export const POOL_CONNECTIONS = 10;

/** The great-circle distance (haversine, `greatCircleKm`'s R) from ($1, $2) to the producer `cp`. */
const DISTANCE = `2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(power(sin(radians(cp.latitude - $1) / 2), 2) + cos(radians($1)) * cos(radians(cp.latitude)) * power(sin(radians(cp.longitude - $2) / 2), 2))))`;

/** `labels { id }` of product `p`: approved, not suspended, oldest first. */
const LABEL_IDS = `(select coalesce(json_agg(json_build_object('id', pl.id) order by pl.created_at), '[]')
  from product_label pl where pl.product_id = p.id and pl.status = 'APPROVED' and pl.suspended = false)`;

/**
 * NEAR_SEARCH (http.bench.ts): 50 km around ($1, $2), by distance then id, 20 products with producer and labels,
 * and how many are in the radius. $3..$6: the bounding box (south, north, west, east), $7: the radius. The product's
 * shape (postgres-product-search.ts): the distance once per producer, each producer's active products counted from
 * the index, and the page read from the nearest producers only, as far as their counts say it reaches.
 */
export const NEAR_SEARCH_SQL = `with near as materialized (select producer_id, distance_km,
      (select count(*) from product p where p.producer_id = d.producer_id and p.active = true) as products
    from (select cp.producer_id, ${DISTANCE} as distance_km
      from catalog_producer cp where cp.latitude between $3 and $4 and cp.longitude between $5 and $6 offset 0) d
    where distance_km <= $7),
  reach as (select min(distance_km) filter (where reached > 20) as distance_km
    from (select distance_km, sum(products) over (order by distance_km rows unbounded preceding) as reached from near) walked),
  page as (select p.id, near.distance_km from near join product p on p.producer_id = near.producer_id
    where p.active = true and near.distance_km <= coalesce((select distance_km from reach), 'infinity')
    order by near.distance_km, p.id limit 20)
select json_build_object('data', json_build_object('products', json_build_object(
  'totalCount', (select coalesce(sum(products), 0) from near),
  'edges', coalesce(json_agg(json_build_object('node', json_build_object(
    'id', p.id, 'name', p.name, 'priceCents', p.price_cents, 'distanceKm', page.distance_km,
    'producer', json_build_object('id', o.id, 'name', o.name), 'labels', ${LABEL_IDS})) order by page.distance_km, page.id), '[]'))))::text as answer
from page join product p on p.id = page.id join organization o on o.id = p.producer_id`;

/** PRODUCT_PAGE (http.bench.ts) for product $1. */
export const PRODUCT_PAGE_SQL = `select json_build_object('data', json_build_object('product', (
  select json_build_object('id', p.id, 'name', p.name, 'description', p.description, 'category', p.category,
    'priceCents', p.price_cents, 'vatRate', p.vat_rate_basis_points::float8 / 10000,
    'b2bPriceTiers', (select coalesce(json_agg(json_build_object('minQuantity', (t.tier->>'minQuantityThousandths')::float8 / 1000,
        'unitPriceCents', (t.tier->>'unitPriceCents')::int) order by t.n), '[]')
      from jsonb_array_elements(p.b2b_price_tiers) with ordinality as t(tier, n)),
    'stock', p.stock_thousandths::float8 / 1000, 'available', p.active and p.stock_thousandths > 0, 'unit', p.unit,
    'unitMassKg', p.unit_mass_kg, 'minOrderQuantity', p.min_order_thousandths::float8 / 1000, 'certifications', p.certifications,
    'producer', json_build_object('id', o.id, 'name', o.name, 'address', json_build_object('line1', o.address_line1,
        'postalCode', o.address_postal_code, 'city', o.address_city, 'inseeCode', o.address_insee_code,
        'departmentCode', o.address_department_code, 'latitude', o.address_latitude, 'longitude', o.address_longitude),
      'deliveryOptions', (select coalesce(json_agg(json_build_object('id', d.id, 'mode', d.mode, 'label', d.label,
          'feeCents', d.fee_cents, 'minOrderCents', d.min_order_cents, 'maxDistanceKm', d.max_distance_km,
          'vehicleId', d.vehicle_id) order by d.created_at), '[]')
        from delivery_option d where d.producer_id = p.producer_id and d.active = true)),
    'labels', (select coalesce(json_agg(json_build_object('id', pl.id, 'status', pl.status,
        'brand', json_build_object('id', b.id, 'name', b.name, 'slug', b.slug)) order by pl.created_at), '[]')
      from product_label pl join brand b on b.id = pl.brand_id
      where pl.product_id = p.id and pl.status = 'APPROVED' and pl.suspended = false))
  from product p join organization o on o.id = p.producer_id where p.id = $1 and p.active = true)))::text as answer`;

/** LISTING (http.bench.ts): the newest 20 products of the catalog, and how many there are, counted up to 1,001 (TOTAL_COUNT_CAP + 1). */
export const LISTING_SQL = `with page as (select p.id, p.created_at from product p where p.active = true order by p.created_at desc, p.id desc limit 20)
select json_build_object('data', json_build_object('products', json_build_object(
  'totalCount', (select count(*) from (select 1 from product p where p.active = true limit 1001) capped),
  'edges', coalesce(json_agg(json_build_object('node', json_build_object(
    'id', p.id, 'name', p.name, 'priceCents', p.price_cents,
    'producer', json_build_object('id', o.id, 'name', o.name), 'labels', ${LABEL_IDS})) order by page.created_at desc, page.id desc), '[]'))))::text as answer
from page join product p on p.id = page.id join organization o on o.id = p.producer_id`;

/** The floor server: each POST body is parsed, `valuesOf` gives the statement's values, PostgreSQL gives the answer. */
export async function floorServer(
  databaseUrl: string,
  name: string,
  sql: string,
  valuesOf: (body: { query: string; variables?: Record<string, unknown> }) => unknown[],
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_CONNECTIONS, options: '-c random_page_cost=1.1' });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const values = valuesOf(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      pool.query<{ answer: string }>({ name, text: sql, values }).then(
        ({ rows }) => response.writeHead(200, { 'content-type': 'application/json' }).end(rows[0].answer),
        (error: Error) => response.writeHead(500).end(error.message),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: async () => {
      await new Promise((done) => server.close(done));
      await pool.end();
    },
  };
}

/** The floor must answer what the API answers: the same JSON, compared parsed, for every body given. */
export async function assertSameAnswers(apiUrl: string, floorUrl: string, bodies: string[]): Promise<void> {
  for (const body of bodies) {
    const ask = async (url: string) =>
      JSON.parse(
        await (
          await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        ).text(),
      ) as unknown;
    deepStrictEqual(await ask(floorUrl), await ask(apiUrl), `the floor answers otherwise than the API to ${body}`);
  }
}
