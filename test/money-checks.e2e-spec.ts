import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { migrateDatabase, withOrm } from '../apps/api/src/database-commands';
import { createTestDatabase, type TestDatabase, testConfig } from './support/test-services';

const CHECK_VIOLATION = '23514';
/** A sound order line passes every check and is then refused only for the supplier order these tests do not create. */
const FOREIGN_KEY_VIOLATION = '23503';

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
  it('DATA-10: refuses a Stripe event stored twice and an orphan order line; one payment per order, one number per invoice', async () => {
    const UNIQUE_VIOLATION = '23505';
    const event = `evt_${randomUUID()}`;
    const storeEvent = () =>
      outcome(`insert into stripe_event (id, type, received_at) values (?, 'payment_intent.succeeded', now())`, [
        event,
      ]);
    expect(await storeEvent()).toBe('ok');
    expect(await storeEvent()).toBe(UNIQUE_VIOLATION);
    expect(
      await outcome(
        `insert into order_line (id, supplier_order_id, position, product_id, name, unit, category, quantity_thousandths, unit_price_cents, vat_rate_basis_points, total_cents, mass_kg, intermediaries, brand_ids)
         values (?, ?, 0, ?, 'Comté', 'KG', 'DAIRY_CHEESE', 1000, 100, 550, 100, 1, 0, '[]')`,
        [randomUUID(), randomUUID(), randomUUID()],
      ),
    ).toBe(FOREIGN_KEY_VIOLATION);
    const uniques = await withOrm(testConfig({ DATABASE_URL: database.url }), (orm) =>
      (orm.em.fork() as EntityManager).execute<{ conname: string; def: string }[]>(
        `select conname, pg_get_constraintdef(oid) as def from pg_constraint where contype in ('u', 'p') and conrelid::regclass::text in ('payment', 'invoice', 'credit_note')`,
      ),
    );
    const defs = Object.fromEntries(uniques.map((row) => [row.conname, row.def]));
    expect(defs.payment_order_unique).toBe('UNIQUE (order_id)');
    expect(defs.invoice_issuer_series_sequence_unique).toBe('UNIQUE (issuer_id, series_year, sequence)');
    expect(defs.credit_note_issuer_series_sequence_unique).toBe('UNIQUE (issuer_id, series_year, sequence)');
  });

  describe('products, delivery options, order lines, invoices and credit notes', () => {
    const product = (values: { price?: number; mass?: number; vat?: number; minOrder?: number }) =>
      outcome(
        `insert into product (id, producer_id, name, description, category, unit, unit_mass_kg, price_cents, vat_rate_basis_points, b2b_price_tiers, stock_thousandths, min_order_thousandths, certifications, search_text, active, created_at, updated_at, version, slug)
         values (?, ?, 'Tomme', '', 'DAIRY_CHEESE', 'PIECE', ?, ?, ?, '[]', 1000, ?, '[]', 'tomme', true, now(), now(), 1, ?)`,
        [
          randomUUID(),
          randomUUID(),
          values.mass ?? 0.5,
          values.price ?? 1_200,
          values.vat ?? 550,
          values.minOrder ?? 0,
          randomUUID(),
        ],
      );
    const deliveryOption = (values: { fee?: number; minOrder?: number; radius?: number | null; cutoff?: number }) =>
      outcome(
        `insert into delivery_option (id, producer_id, mode, label, vehicle_id, max_distance_km, fee_cents, min_order_cents, active, created_at, weekdays, closed_dates, cutoff_hours)
         values (?, ?, 'PRODUCER_DELIVERY', 'Tournée', 'vul_diesel', ?, ?, ?, true, now(), '[]', '[]', ?)`,
        [
          randomUUID(),
          randomUUID(),
          values.radius === undefined ? 50 : values.radius,
          values.fee ?? 800,
          values.minOrder ?? 0,
          values.cutoff ?? 24,
        ],
      );
    const orderLine = (values: { quantity?: number; price?: number; total?: number; mass?: number; vat?: number }) =>
      outcome(
        `insert into order_line (id, supplier_order_id, position, product_id, name, unit, category, quantity_thousandths, unit_price_cents, vat_rate_basis_points, total_cents, mass_kg, intermediaries, brand_ids)
         values (?, ?, 0, ?, 'Tomme', 'PIECE', 'DAIRY_CHEESE', ?, ?, ?, ?, ?, 0, '[]')`,
        [
          randomUUID(),
          randomUUID(),
          randomUUID(),
          values.quantity ?? 2_000,
          values.price ?? 1_200,
          values.vat ?? 550,
          values.total ?? 2_400,
          values.mass ?? 1,
        ],
      );

    it('refuses a product with a negative price or minimum, no mass, or a VAT rate that is not French', async () => {
      expect(await product({ price: -1 })).toBe(CHECK_VIOLATION);
      expect(await product({ minOrder: -1 })).toBe(CHECK_VIOLATION);
      expect(await product({ mass: 0 })).toBe(CHECK_VIOLATION);
      expect(await product({ mass: 10_001 })).toBe(CHECK_VIOLATION);
      expect(await product({ vat: 700 })).toBe(CHECK_VIOLATION);
      expect(await product({})).toBe('ok');
      expect(await product({ price: 0, vat: 2_000 })).toBe('ok');
    });

    it('refuses a delivery option with a negative fee or minimum, a radius out of range or a cut-off past 14 days', async () => {
      expect(await deliveryOption({ fee: -1 })).toBe(CHECK_VIOLATION);
      expect(await deliveryOption({ minOrder: -1 })).toBe(CHECK_VIOLATION);
      expect(await deliveryOption({ radius: 0 })).toBe(CHECK_VIOLATION);
      expect(await deliveryOption({ radius: 2_001 })).toBe(CHECK_VIOLATION);
      expect(await deliveryOption({ cutoff: 337 })).toBe(CHECK_VIOLATION);
      expect(await deliveryOption({ cutoff: -1 })).toBe(CHECK_VIOLATION);
      expect(await deliveryOption({})).toBe('ok');
      expect(await deliveryOption({ radius: null, fee: 0 })).toBe('ok');
    });

    it('refuses an order line of no quantity, a negative price, total or mass, or a rate above 100 %', async () => {
      expect(await orderLine({ quantity: 0 })).toBe(CHECK_VIOLATION);
      expect(await orderLine({ price: -1 })).toBe(CHECK_VIOLATION);
      expect(await orderLine({ total: -1 })).toBe(CHECK_VIOLATION);
      expect(await orderLine({ mass: -0.1 })).toBe(CHECK_VIOLATION);
      expect(await orderLine({ vat: 10_001 })).toBe(CHECK_VIOLATION);
      expect(await orderLine({})).toBe(FOREIGN_KEY_VIOLATION);
    });

    it('has the amount checks on invoices and credit notes', async () => {
      const constraints = await withOrm(testConfig({ DATABASE_URL: database.url }), (orm) =>
        (orm.em.fork() as EntityManager).execute<{ conname: string; def: string }[]>(
          `select conname, pg_get_constraintdef(oid) as def from pg_constraint where conname in ('invoice_amounts_check', 'credit_note_amounts_check')`,
        ),
      );
      expect(constraints.map((row) => row.conname).sort()).toEqual([
        'credit_note_amounts_check',
        'invoice_amounts_check',
      ]);
      for (const { def } of constraints) expect(def).toMatch(/subtotal_cents >= 0.*vat_cents >= 0.*total_cents >= 0/);
    });
  });
});
