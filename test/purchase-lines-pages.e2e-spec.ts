import type { EntityManager } from '@mikro-orm/sql';
import { Client, type Pool } from 'pg';
import { type PurchaseLine, purchaseLines, type PurchaseLineFilter } from '@app/ordering';
import { migrateDatabase, withOrm } from '../apps/api/src/database-commands';
import { BENCH_BUYER_ID, seedExportDataset } from '../bench/export-dataset';
import { createTestDatabase, type TestDatabase, testConfig } from './support/test-services';

/**
 * `purchaseLines` on PostgreSQL reads its supplier orders with their orders, and their lines, straight through `pg`, a
 * page of 100 at a time, the two statements sent together: every line once, in (date, id) order, across pages whose
 * boundary falls inside a run of supplier orders of the same instant, with the dates, order facts and line figures the
 * rows hold — what the reports and exports are made of — even when a supplier order is delivered between the two.
 */
describe('purchaseLines on PostgreSQL, page after page', () => {
  let database: TestDatabase;
  const period = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };

  beforeAll(async () => {
    database = await createTestDatabase('purchase-lines-pages');
    await migrateDatabase(testConfig({ DATABASE_URL: database.url }));
    // 1,240 supplier orders of 5 lines: thirteen pages.
    await seedExportDataset(database.url, 6_200);
    await sql(
      // Twenty supplier orders of one instant (with milliseconds) across the fifth page's end, ordered by id there.
      `update supplier_order set delivered_at = '2026-02-10 09:30:00.123+00', created_at = '2026-02-09 09:30:00.123+00'
       where id in (select id from supplier_order order by delivered_at, id offset 490 limit 20)`,
    );
  }, 120_000);
  afterAll(() => database.drop());

  async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /**
   * `project` of each line `purchaseLines` gives, in order. `instrument` may wrap the ORM's `pg` pool before the read
   * (to order its statements).
   */
  async function readWith<T>(
    filter: PurchaseLineFilter,
    project: (line: PurchaseLine) => T,
    instrument?: (pool: Pool) => void,
  ): Promise<T[]> {
    return withOrm(testConfig({ DATABASE_URL: database.url }), async (orm) => {
      const em = orm.em.fork() as EntityManager;
      instrument?.(await (em.getConnection() as unknown as { getNativeClient(): Promise<Pool> }).getNativeClient());
      const read: T[] = [];
      for await (const batch of purchaseLines(em, filter)) for (const line of batch) read.push(project(line));
      return read;
    });
  }

  /** What the export needs of each line, as `purchaseLines` gives it. */
  const readLines = (filter: PurchaseLineFilter) =>
    readWith(filter, (line) =>
      [
        line.supplierOrderId,
        line.productName,
        line.orderNumber,
        line.orderedAt.toISOString(),
        line.deliveredAt?.toISOString(),
        line.buyerOrganizationId,
        line.deliveryInseeCode,
        line.producerId,
        line.deliveryMode,
        line.footprint.vehicleId,
      ].join('|'),
    );

  /** The same, straight from the tables, in the order the reports promise. */
  async function expectedLines(where: string, dateColumn: string, values: unknown[]) {
    const rows = await sql<{ line: string }>(
      `select concat_ws('|', s.id, l.name, o.number,
         to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         to_char(s.delivered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         o.buyer_organization_id, o.delivery_insee_code, s.producer_id, s.delivery->>'mode', s.carbon->>'vehicleId') as line
       from supplier_order s join customer_order o on o.id = s.order_id join order_line l on l.supplier_order_id = s.id
       where ${where} order by ${dateColumn}, s.id, l.position`,
      values,
    );
    return rows.map((row) => row.line);
  }

  it('gives a buyer’s delivered lines once each, in order, across pages and a run of equal instants', async () => {
    const read = await readLines({ buyerOrganizationId: BENCH_BUYER_ID, ...period, basis: 'delivered' });
    const expected = await expectedLines(
      `s.buyer_organization_id = $1 and s.status = 'DELIVERED' and s.delivered_at >= $2 and s.delivered_at < $3`,
      's.delivered_at',
      [BENCH_BUYER_ID, period.from, period.to],
    );
    expect(expected).toHaveLength(6_200);
    expect(read).toEqual(expected);
  });

  it('gives producers’ placed lines by order date, whoever bought them', async () => {
    const producerIds = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
    await sql(
      `update supplier_order set status = 'CANCELLED' where id in (select id from supplier_order where producer_id = $1 order by id limit 3)`,
      [producerIds[0]],
    );
    const read = await readLines({ producerIds, ...period, basis: 'placed' });
    const expected = await expectedLines(
      `s.producer_id = any($1::uuid[]) and s.status <> 'CANCELLED' and s.created_at >= $2 and s.created_at < $3`,
      's.created_at',
      [producerIds, period.from, period.to],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(read).toEqual(expected);
  });

  const delivered = { buyerOrganizationId: BENCH_BUYER_ID, ...period, basis: 'delivered' as const };
  const deliveredWhere = `s.buyer_organization_id = $1 and s.status = 'DELIVERED' and s.delivered_at >= $2 and s.delivered_at < $3`;

  it('gives each line’s own columns as stored: numbers, texts, brands and its share of the footprint', async () => {
    await sql(
      `update order_line set brand_ids = '["00000000-0000-4000-8000-0000000000b1", "00000000-0000-4000-8000-0000000000b2"]'
       where supplier_order_id in (select id from supplier_order where buyer_organization_id = $1 order by id limit 30)`,
      [BENCH_BUYER_ID],
    );
    const read = await readWith(delivered, (line) => [
      line.supplierOrderId,
      line.productId,
      line.productName,
      line.category,
      line.ciqualCode,
      line.unit,
      line.quantityThousandths,
      line.massKg,
      line.spendCents,
      line.brandIds,
      line.lineFootprint.massShare,
      line.lineFootprint.tkm,
      line.lineFootprint.emissionsKgCo2e,
      line.lineFootprint.baselineKgCo2e,
      line.lineFootprint.savedKgCo2e,
      line.lineFootprint.baselineScenarioId,
    ]);
    // `pg`'s own reading of the columns (numbers from their text, the brands' jsonb parsed).
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<unknown[]>({
        text: `select l.supplier_order_id, l.product_id, l.name, l.category, l.ciqual_code, l.unit, l.quantity_thousandths,
             l.mass_kg, l.total_cents, l.brand_ids, l.carbon_mass_share, l.carbon_tkm, l.carbon_emissions_kg_co2e,
             l.carbon_baseline_kg_co2e, l.carbon_saved_kg_co2e, l.carbon_baseline_scenario_id
           from supplier_order s join order_line l on l.supplier_order_id = s.id
           where ${deliveredWhere} order by s.delivered_at, s.id, l.position`,
        values: [BENCH_BUYER_ID, period.from, period.to],
        rowMode: 'array',
      });
      expect(rows.length).toBeGreaterThan(1_000);
      expect(rows.some((row) => (row[9] as string[]).length > 0)).toBe(true);
      expect(read).toEqual(rows);
    } finally {
      await client.end();
    }
  });

  it('keeps the lines of a supplier order delivered between the two statements of its page', async () => {
    // On the first page, a supplier order not yet delivered: its page's lines are read (without it) before it is
    // delivered, and its page's supplier orders after (with it).
    const [{ id: late }] = await sql<{ id: string }>(
      `update supplier_order set status = 'SHIPPED' where id = (select s.id from supplier_order s where ${deliveredWhere}
         order by s.delivered_at, s.id offset 40 limit 1) returning id`,
      [BENCH_BUYER_ID, period.from, period.to],
    );
    let raced = false;
    const read = await readWith(
      delivered,
      (line) => `${line.supplierOrderId}|${line.productName}`,
      (pool) => {
        const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
        let linesRead: () => void;
        const linesDone = new Promise<void>((done) => (linesRead = done));
        pool.query = (async (...args: unknown[]) => {
          const text = typeof args[0] === 'string' ? args[0] : '';
          if (raced) return query(...args);
          if (text.includes('in (select s.id')) {
            const answer = await query(...args);
            linesRead();
            return answer;
          }
          if (text.startsWith('select s.id, s.order_id')) {
            await linesDone;
            await sql(`update supplier_order set status = 'DELIVERED' where id = $1`, [late]);
            raced = true;
          }
          return query(...args);
        }) as Pool['query'];
      },
    );
    expect(raced).toBe(true);
    const lateLines = read.filter((line) => line.startsWith(late));
    expect(lateLines).toHaveLength(5);
    const expected = await expectedLines(deliveredWhere, 's.delivered_at', [BENCH_BUYER_ID, period.from, period.to]);
    expect(read).toEqual(expected.map((line) => line.split('|').slice(0, 2).join('|')));
  });
});
