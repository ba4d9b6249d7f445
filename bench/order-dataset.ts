import { Client } from 'pg';
import { hashPassword } from '@app/identity';

/**
 * What the product page, placeOrder and login scenarios need on top of the catalog dataset (catalog-dataset.ts), with
 * bulk SQL and deterministic ids, idempotent:
 * - two territory brands in Franche-Comté (far from Guéret, so the near-search's 50 km around Guéret is unchanged):
 *   "Comté de banc" (25, 39, 70, 90) and "Jura de banc" (39); every catalog producer of those départements is an
 *   approved member and every one of its products carries the approved label (Jura products carry both);
 * - on those products, two B2B price tiers (from 5 and 20 units, −10 % and −20 %);
 * - for those producers, two delivery options: their van (PRODUCER_DELIVERY, vul_diesel, 80 km, 8 € fee, 5 € minimum)
 *   and PICKUP at the farm;
 * - BENCH_BUYERS business buyers in Besançon (a user each, OWNER of its BUSINESS organization);
 * - BENCH_LOGIN_ACCOUNTS accounts for the login scenario.
 * Every seeded user has the same password, hashed once with the product's Argon2id parameters.
 */
export const BENCH_PASSWORD = 'Banc-d-essai-2026-mot-de-passe';
export const BENCH_BUYERS = 50;
export const BENCH_LOGIN_ACCOUNTS = 1000;
export const BESANCON = {
  insee: '25056',
  city: 'Besançon',
  department: '25',
  postalCode: '25000',
  latitude: 47.2602,
  longitude: 6.01226,
};
const TERRITORY = ['25', '39', '70', '90'];
const BRAND_OWNER_ID = '22000000-0000-4000-8000-000000000001';
const BRANDS = [
  {
    organizationId: '20000000-0000-4000-8000-000000000001',
    id: '21000000-0000-4000-8000-000000000001',
    name: 'Comté de banc',
    slug: 'comte-de-banc',
    departments: TERRITORY,
  },
  {
    organizationId: '20000000-0000-4000-8000-000000000002',
    id: '21000000-0000-4000-8000-000000000002',
    name: 'Jura de banc',
    slug: 'jura-de-banc',
    departments: ['39'],
  },
];

export const buyerUserId = (index: number) => `31000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
export const buyerOrganizationId = (index: number) => `30000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
export const buyerEmail = (index: number) => `acheteur-${index}@banc.ancrage.test`;
export const loginEmail = (index: number) => `compte-${index}@banc.ancrage.test`;

export async function seedOrderDataset(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Producers and buyers as a running marketplace has them: verified (issue #20 item 5). A database seeded before
    // organizations were verified, or by the catalog dataset since, has them UNVERIFIED: an unverified producer takes
    // no invoice order. None of them has a SIRET, so no two verified claims collide.
    await client.query(
      `update organization set verification_status = 'VERIFIED', verification_reason = 'Jeu de données du banc.', verification_decided_at = now()
       where verification_status = 'UNVERIFIED' and (name like 'Producteur de banc %' or name like 'Restaurant de banc %')`,
    );
    const seeded = (await client.query('select 1 from brand where id = $1', [BRANDS[0].id])).rowCount;
    if (seeded) return;
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    await client.query('begin');
    await client.query(
      `insert into app_user (id, email, password_hash, display_name, created_at) values ($1, 'marque@banc.ancrage.test', $2, 'Gérante des marques de banc', now())`,
      [BRAND_OWNER_ID, passwordHash],
    );
    for (const brand of BRANDS) {
      await client.query(
        `insert into organization (id, kind, name, address_line1, address_postal_code, address_city, address_insee_code, address_department_code, address_latitude, address_longitude, address_precision, created_at, slug)
         values ($1, 'BRAND', $2, '1 rue de la Marque', $3, $4, $5, $6, $7, $8, 'ADDRESS', now(), 'organisation-' || $9::text)`,
        [
          brand.organizationId,
          brand.name,
          BESANCON.postalCode,
          BESANCON.city,
          BESANCON.insee,
          BESANCON.department,
          BESANCON.latitude,
          BESANCON.longitude,
          brand.slug,
        ],
      );
      await client.query(
        `insert into membership (id, user_id, organization_id, role, created_at) values (gen_random_uuid(), $1, $2, 'OWNER', now())`,
        [BRAND_OWNER_ID, brand.organizationId],
      );
      await client.query(
        `insert into brand (id, organization_id, name, slug, department_codes, charter, created_at) values ($1, $2, $3, $4, $5::jsonb, 'Produit et transformé dans le territoire.', now())`,
        [brand.id, brand.organizationId, brand.name, brand.slug, JSON.stringify(brand.departments)],
      );
      await client.query(
        `insert into brand_membership (id, brand_id, producer_id, status, decided_at, decided_by_id, created_at)
         select gen_random_uuid(), $1, o.id, 'APPROVED', now(), $2, now() from organization o
         where o.name like 'Producteur de banc %' and o.address_department_code = any($3::text[])`,
        [brand.id, BRAND_OWNER_ID, brand.departments],
      );
      await client.query(
        `insert into product_label (id, product_id, brand_id, producer_id, status, suspended, decided_at, decided_by_id, created_at)
         select gen_random_uuid(), p.id, $1, p.producer_id, 'APPROVED', false, now(), $2, now()
         from product p join organization o on o.id = p.producer_id
         where o.name like 'Producteur de banc %' and o.address_department_code = any($3::text[])`,
        [brand.id, BRAND_OWNER_ID, brand.departments],
      );
    }
    await client.query(
      `update product p set b2b_price_tiers = jsonb_build_array(
         jsonb_build_object('minQuantityThousandths', 5000, 'unitPriceCents', p.price_cents * 9 / 10),
         jsonb_build_object('minQuantityThousandths', 20000, 'unitPriceCents', p.price_cents * 8 / 10))
       from organization o where o.id = p.producer_id and o.name like 'Producteur de banc %' and o.address_department_code = any($1::text[])`,
      [TERRITORY],
    );
    await client.query(
      `insert into delivery_option (id, producer_id, mode, label, vehicle_id, max_distance_km, fee_cents, min_order_cents, active, created_at, weekdays, closed_dates)
       select ('41' || substr(o.id::text, 3))::uuid, o.id, 'PRODUCER_DELIVERY', 'Tournée en camionnette', 'vul_diesel', 80, 800, 500, true, now(), '[]'::jsonb, '[]'::jsonb
       from organization o where o.name like 'Producteur de banc %' and o.address_department_code = any($1::text[])
       union all
       select ('42' || substr(o.id::text, 3))::uuid, o.id, 'PICKUP', 'Retrait à la ferme', null, null, 0, 0, true, now(), '[]'::jsonb, '[]'::jsonb
       from organization o where o.name like 'Producteur de banc %' and o.address_department_code = any($1::text[])`,
      [TERRITORY],
    );
    const buyers = Array.from({ length: BENCH_BUYERS }, (_, index) => index + 1);
    await client.query(
      `insert into organization (id, kind, name, siret, address_line1, address_postal_code, address_city, address_insee_code, address_department_code, address_latitude, address_longitude, address_precision, created_at, slug)
       select ('30000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'BUSINESS', 'Restaurant de banc ' || i, null, i || ' rue des Granges', $2, $3, $4, $5, $6, $7, 'ADDRESS', now(), 'restaurant-de-banc-' || i
       from unnest($1::int[]) i`,
      [
        buyers,
        BESANCON.postalCode,
        BESANCON.city,
        BESANCON.insee,
        BESANCON.department,
        BESANCON.latitude,
        BESANCON.longitude,
      ],
    );
    await client.query(
      `insert into app_user (id, email, password_hash, display_name, created_at)
       select ('31000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'acheteur-' || i || '@banc.ancrage.test', $2, 'Acheteur de banc ' || i, now() from unnest($1::int[]) i`,
      [buyers, passwordHash],
    );
    await client.query(
      `insert into membership (id, user_id, organization_id, role, created_at)
       select gen_random_uuid(), ('31000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ('30000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'OWNER', now()
       from unnest($1::int[]) i`,
      [buyers],
    );
    await client.query(
      `insert into app_user (id, email, password_hash, display_name, created_at)
       select ('32000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'compte-' || i || '@banc.ancrage.test', $2, 'Compte de banc ' || i, now() from generate_series(1, $1) i`,
      [BENCH_LOGIN_ACCOUNTS, passwordHash],
    );
    await client.query('commit');
    await client.query('analyze');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** 1,000 product ids for the product page: labelled products of the territory brands, a deterministic sample. */
export async function productPageIds(databaseUrl: string, count = 1000): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select distinct p.id from product p join product_label l on l.product_id = p.id where l.brand_id = $1 order by p.id limit $2`,
      [BRANDS[0].id, count],
    );
    return rows.map((row) => row.id as string);
  } finally {
    await client.end();
  }
}

/** The addresses (slugs) of the same products, in the same order: product pages live at /produits/<slug>. */
export async function productPageSlugs(databaseUrl: string, ids: string[]): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select p.slug from unnest($1::uuid[]) with ordinality as wanted(id, n) join product p on p.id = wanted.id order by wanted.n`,
      [ids],
    );
    return rows.map((row) => row.slug as string);
  } finally {
    await client.end();
  }
}

export interface BenchCart {
  lines: { productId: string; quantity: number }[];
  deliveries: { producerId: string; deliveryOptionId: string }[];
}

/**
 * The carts of the placeOrder scenario: 3 lines from 2 producers, each delivered by the producer's van (80 km) to
 * Besançon. Producers of the territory within 60 km of Besançon are paired in id order; every fourth cart has the
 * "hot" producer as first producer, with its hot product (stock deliberately small: see order.bench.ts).
 */
export async function orderCarts(
  databaseUrl: string,
  quantity: number,
): Promise<{ carts: BenchCart[]; hotProductId: string; productIds: string[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: producers } = await client.query(
      `select o.id, array(select p.id from product p where p.producer_id = o.id order by p.id limit 2) as products
       from organization o
       where o.name like 'Producteur de banc %' and o.address_department_code = any($1::text[])
         and 6371.0088 * 2 * asin(sqrt(power(sin(radians(o.address_latitude - $2) / 2), 2) + cos(radians($2)) * cos(radians(o.address_latitude)) * power(sin(radians(o.address_longitude - $3) / 2), 2))) <= 60
       order by o.id`,
      [TERRITORY, BESANCON.latitude, BESANCON.longitude],
    );
    if (producers.length < 21) throw new Error(`only ${producers.length} producers within 60 km of Besançon`);
    const [hot, ...others] = producers as { id: string; products: string[] }[];
    const van = (producerId: string) => `41${producerId.slice(2)}`;
    const carts: BenchCart[] = [];
    for (let pair = 0; pair + 1 < others.length; pair += 2) {
      const first = carts.length % 4 === 0 ? hot : others[pair];
      const second = others[pair + 1];
      carts.push({
        lines: [first.products[0], first.products[1], second.products[0]].map((productId) => ({ productId, quantity })),
        deliveries: [first, second].map((producer) => ({
          producerId: producer.id,
          deliveryOptionId: van(producer.id),
        })),
      });
    }
    const productIds = [...new Set(carts.flatMap((cart) => cart.lines.map((line) => line.productId)))];
    return { carts, hotProductId: hot.products[0], productIds };
  } finally {
    await client.end();
  }
}
