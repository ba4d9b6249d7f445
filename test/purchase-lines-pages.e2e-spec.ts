import type { EntityManager } from '@mikro-orm/sql';
import { Client } from 'pg';
import { purchaseLines, type PurchaseLineFilter } from '@app/ordering';
import { migrateDatabase, withOrm } from '../apps/api/src/database-commands';
import { BENCH_BUYER_ID, seedExportDataset } from '../bench/export-dataset';
import { createTestDatabase, type TestDatabase, testConfig } from './support/test-services';

/**
 * `purchaseLines` on PostgreSQL reads its supplier orders and their orders straight through `pg`, a page of 100 at a
 * time: every line once, in (date, id) order, across pages whose boundary falls inside a run of supplier orders of
 * the same instant, with the dates and order facts the rows hold — what the reports and exports are made of.
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

  /** What the export needs of each line, as `purchaseLines` gives it. */
  async function readLines(filter: PurchaseLineFilter) {
    return withOrm(testConfig({ DATABASE_URL: database.url }), async (orm) => {
      const read: string[] = [];
      for await (const batch of purchaseLines(orm.em.fork() as EntityManager, filter))
        for (const line of batch)
          read.push(
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
      return read;
    });
  }

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
});
