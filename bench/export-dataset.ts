import { supplierOrderFootprint } from '@app/carbon';
import { Client } from 'pg';

/** The buyer whose year of purchases the export benchmark reports on, and its period. */
export const BENCH_BUYER_ID = '00000000-0000-4000-8000-00000000b001';
export const BENCH_PERIOD = { from: '2026-01-01', to: '2026-12-31' };
/** A second restaurant, with 100,000 lines in the same year: the one whose /pro/rse page is measured (issue #22). */
export const RSE_PAGE_BUYER_ID = '00000000-0000-4000-8000-00000000b002';

/**
 * The first days of 2026 that hold about `lines` delivered lines (the period a smaller export reports on): the Paris
 * day of the delivery of the supplier order that reaches that count.
 */
export async function periodHolding(databaseUrl: string, lines: number): Promise<{ from: string; to: string }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select to_char((s.delivered_at at time zone 'Europe/Paris')::date, 'YYYY-MM-DD') as day from supplier_order s join customer_order o on o.id = s.order_id
       where o.buyer_organization_id = $1 order by s.delivered_at offset $2 limit 1`,
      [BENCH_BUYER_ID, Math.max(0, Math.floor(lines / LINES_PER_SUPPLIER_ORDER) - 1)],
    );
    return { from: BENCH_PERIOD.from, to: rows[0]?.day ?? BENCH_PERIOD.to };
  } finally {
    await client.end();
  }
}
const PRODUCERS = 40;
const LINES_PER_SUPPLIER_ORDER = 5;
const CATEGORIES = ['FRESH_VEGETABLES', 'DAIRY_CHEESE', 'MEAT_CHARCUTERIE', 'BAKERY', 'BEVERAGES'] as const;

/**
 * Seeds `lineCount` delivered order lines for one restaurant over 2026, with bulk SQL (generate_series): 40 producers
 * around Guéret, supplier orders of 5 lines with a real footprint computed by the carbon method once and reused.
 * Idempotent: does nothing when the buyer already has exactly that many lines (another count is seeded afresh).
 */
export async function seedExportDataset(
  databaseUrl: string,
  lineCount: number,
  buyerId = BENCH_BUYER_ID,
): Promise<void> {
  // Order numbers and idempotency keys are unique: each restaurant's carry its own suffix.
  const tag = buyerId.slice(-4);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ n }] = (
      await client.query(
        'select count(*)::int as n from order_line l join supplier_order s on s.id = l.supplier_order_id join customer_order o on o.id = s.order_id where o.buyer_organization_id = $1',
        [buyerId],
      )
    ).rows;
    // The restaurant itself, whatever its lines (SIRET is unique: only the first one has one).
    await client.query(
      `insert into organization (id, kind, name, slug, siret, address_line1, address_postal_code, address_city, address_insee_code, address_department_code, address_latitude, address_longitude, address_precision, created_at)
       values ($1, 'BUSINESS', 'Restaurant du banc d''essai ' || $2, 'restaurant-du-banc-d-essai-' || $2, $3, '1 place du Marché', '23000', 'Guéret', '23096', '23', 46.15847, 1.87047, 'ADDRESS', now())
       on conflict do nothing`,
      [buyerId, tag, buyerId === BENCH_BUYER_ID ? '41234567800012' : null],
    );
    if (n === lineCount) return;
    const footprint = supplierOrderFootprint({
      lines: CATEGORIES.map((category) => ({ massKg: 4, category, intermediaries: 0 })),
      producerLocation: { latitude: 46.2, longitude: 1.9 },
      deliveryLocation: { latitude: 46.15847, longitude: 1.87047 },
      deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
    });
    const supplierOrders = Math.ceil(lineCount / LINES_PER_SUPPLIER_ORDER);
    await client.query('begin');
    await client.query('delete from customer_order where buyer_organization_id = $1', [buyerId]);
    await client.query(
      `insert into organization (id, kind, name, slug, address_line1, address_postal_code, address_city, address_insee_code, address_department_code, address_latitude, address_longitude, address_precision, created_at)
       select ('00000000-0000-4000-8000-' || lpad(p::text, 12, '0'))::uuid, 'PRODUCER', 'Ferme d''essai ' || p, 'ferme-d-essai-' || p, 'Lieu-dit ' || p, '23000', 'Guéret', '23096', '23',
              46.15847 + p * 0.01, 1.87047 + p * 0.01, 'ADDRESS', now()
       from generate_series(1, $1) p on conflict do nothing`,
      [PRODUCERS],
    );
    await client.query(
      `insert into customer_order (id, number, buyer_user_id, buyer_organization_id, channel, payment_method, idempotency_key, request_digest, delivery_line1, delivery_postal_code,
         delivery_city, delivery_insee_code, delivery_department_code, delivery_latitude, delivery_longitude, delivery_precision, subtotal_cents, vat_cents, total_cents, created_at)
       select gen_random_uuid(), 'BENCH-' || $3 || '-' || g, $1, $1, 'B2B', 'INVOICE', 'bench-' || $3 || '-' || g, 'bench', '1 place du Marché', '23000', 'Guéret', '23096', '23', 46.15847, 1.87047, 'ADDRESS',
              10000, 550, 10550, timestamptz '2026-01-01 08:00+01' + (g * interval '1 minute') * (364 * 24 * 60 / $2::int)
       from generate_series(1, $2) g`,
      [buyerId, supplierOrders, tag],
    );
    await client.query(
      `insert into supplier_order (id, order_id, buyer_organization_id, producer_id, status, delivery, producer_location, delivery_location, goods_cents, fee_cents, fee_by_rate, vat_by_rate, subtotal_cents, vat_cents,
         total_cents, carbon, emissions_kg_co2e, baseline_kg_co2e, mass_kg, delivered_at, created_at, status_changed_at)
       select gen_random_uuid(), o.id, o.buyer_organization_id, ('00000000-0000-4000-8000-' || lpad((1 + abs(hashtext(o.id::text)) % $1)::text, 12, '0'))::uuid, 'DELIVERED',
              '{"deliveryOptionId":"00000000-0000-4000-8000-0000000000d1","mode":"PRODUCER_DELIVERY","label":"Tournée","vehicleId":"vul_diesel","maxDistanceKm":null,"feeCents":0,"minOrderCents":0}',
              '{"latitude":46.2,"longitude":1.9}', '{"latitude":46.15847,"longitude":1.87047}', 10000, 0, '[]', '[{"vatRateBasisPoints":550,"baseCents":10000,"vatCents":550}]',
              10000, 550, 10550, $2::jsonb, $3, $4, $5, o.created_at + interval '1 day', o.created_at, o.created_at
       from customer_order o where o.buyer_organization_id = $6`,
      [
        PRODUCERS,
        JSON.stringify(footprint),
        footprint.emissionsKgCo2e,
        footprint.baselineKgCo2e,
        footprint.massKg,
        buyerId,
      ],
    );
    await client.query(
      `insert into order_line (id, supplier_order_id, position, product_id, name, unit, category, quantity_thousandths, unit_price_cents, vat_rate_basis_points, total_cents, mass_kg, intermediaries, brand_ids,
         carbon_mass_share, carbon_tkm, carbon_emissions_kg_co2e, carbon_baseline_kg_co2e, carbon_saved_kg_co2e, carbon_baseline_scenario_id)
       select gen_random_uuid(), s.id, p, gen_random_uuid(), 'Produit d''essai ' || p, 'KG', ($1::text[])[p + 1], 4000, 500, 550, 2000, 4, 0, '[]',
              (f->>'massShare')::float8, (f->>'tkm')::float8, (f->>'emissionsKgCo2e')::float8, (f->>'baselineKgCo2e')::float8, (f->>'savedKgCo2e')::float8, f->'baselineFactorIds'->>0
       from supplier_order s join customer_order o on o.id = s.order_id, generate_series(0, $2 - 1) p, lateral (select $4::jsonb->'lines'->p as f) share
       where o.buyer_organization_id = $3`,
      [CATEGORIES, LINES_PER_SUPPLIER_ORDER, buyerId, JSON.stringify(footprint)],
    );
    await client.query('commit');
    // Fresh statistics, or PostgreSQL plans the keyset reads as scans of the whole tables.
    await client.query('analyze customer_order, supplier_order, order_line');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    await client.end();
  }
}
