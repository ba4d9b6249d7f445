import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { migrateDatabase, withOrm } from '../apps/api/src/database-commands';
import { createTestDatabase, type TestDatabase, testConfig } from './support/test-services';

const CHECK_VIOLATION = '23514';

/**
 * Issue #20 item 10 (DATA-10): the database itself refuses negative amounts and a refund above its payment, as a
 * backstop under the services' own validation — direct SQL inserts into a migrated PostgreSQL database.
 */
describe('money columns: CHECK constraints as a backstop (PostgreSQL)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('money-checks');
    await migrateDatabase(testConfig({ DATABASE_URL: database.url }));
  });

  afterAll(() => database.drop());

  /** The SQLSTATE of the statement's failure, or 'ok'. */
  const outcome = (sql: string, params: unknown[]) =>
    withOrm(testConfig({ DATABASE_URL: database.url }), async (orm) => {
      try {
        await (orm.em.fork() as EntityManager).execute(sql, params);
        return 'ok';
      } catch (error) {
        return String((error as { code?: string }).code ?? (error as Error).message);
      }
    });
  const payment = (amount: number, refunded: number) =>
    outcome(
      `insert into payment (id, order_id, method, amount_cents, refunded_cents, supplier_order_ids, created_at, updated_at) values (?, ?, 'CARD', ?, ?, '[]', now(), now())`,
      [randomUUID(), randomUUID(), amount, refunded],
    );

  it('refuses a negative payment, a negative refund and a refund above the payment; a sound row passes the checks', async () => {
    expect(await payment(-1, 0)).toBe(CHECK_VIOLATION);
    expect(await payment(1_000, -1)).toBe(CHECK_VIOLATION);
    expect(await payment(1_000, 1_001)).toBe(CHECK_VIOLATION);
    // The checks pass it; only the missing order (a foreign key) may still refuse it.
    expect(await payment(1_000, 1_000)).not.toBe(CHECK_VIOLATION);
  });

  it('refuses negative amounts on orders, supplier orders, refunds and transfers', async () => {
    const constraints = await withOrm(testConfig({ DATABASE_URL: database.url }), (orm) =>
      (orm.em.fork() as EntityManager).execute<{ conname: string; def: string }[]>(
        `select conname, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'c' and conname like '%amount%_check'`,
      ),
    );
    const byName = Object.fromEntries(constraints.map((row) => [row.conname, row.def]));
    expect(byName.customer_order_amounts_check).toMatch(/total_cents >= 0/);
    expect(byName.supplier_order_amounts_check).toMatch(/total_cents >= 0/);
    expect(byName.payment_refund_amount_check).toMatch(/amount_cents >= 0/);
    expect(byName.producer_transfer_amounts_check).toMatch(/reversed_cents >= 0/);
    expect(
      await outcome(`insert into payment_refund (id, payment_id, amount_cents, created_at) values (?, ?, -5, now())`, [
        randomUUID(),
        randomUUID(),
      ]),
    ).toBe(CHECK_VIOLATION);
  });
});
