import { loadavg } from 'node:os';
import { Client, Pool } from 'pg';
import { median, type BenchFigure } from './bench-figures';
import { bareServer, graphqlOk, loadRotating, rotatingRequests, type AutocannonResult } from './http.bench';
import { POOL_CONNECTIONS } from './http-floor';
import {
  BENCH_BUYERS,
  BENCH_PASSWORD,
  BESANCON,
  type BenchCart,
  buyerEmail,
  buyerOrganizationId,
  orderCarts,
} from './order-dataset';

export const PLACE_ORDER = `mutation PlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) {
  id number status subtotalCents vatCents totalCents carbon { emissionsKgCo2e baselineKgCo2e }
  supplierOrders { id status totalCents producer { id name } lines { productId quantity unitPriceCents totalCents } } } }`;
/** Every line asks 5 units: the first B2B tier. */
export const QUANTITY = 5;

/** The n-th request of a placeOrder load: the buyers in turn, each with the next cart, by invoice, a key of its own. */
export const placeOrderBody =
  (carts: readonly BenchCart[], keyPrefix: string) =>
  (n: number): string =>
    JSON.stringify({
      query: PLACE_ORDER,
      variables: {
        input: {
          buyerOrganizationId: buyerOrganizationId(1 + (n % BENCH_BUYERS)),
          paymentMethod: 'INVOICE',
          idempotencyKey: `${keyPrefix}${n}`,
          ...carts[n % carts.length],
        },
      },
    });
const THOUSANDTHS = QUANTITY * 1000;
/** Plenty for every product but one… */
const LARGE_STOCK = 100_000_000;
/**
 * …the hot product, in one cart of four: 50 orders' worth, which runs out within seconds at the measured rate (and in
 * under a second at the target), so that every run rejects carts OUT_OF_STOCK on it while 50 connections race for it.
 */
const HOT_ORDERS = 50;
const HOT_STOCK = HOT_ORDERS * THOUSANDTHS;

export interface OrderRunCheck {
  run: string;
  /** API processes on the port (bench/run.ts measures one, then one per core). */
  processes?: number;
  requests: number;
  /** Successful answers received within the run: the figure counts these. */
  answeredOk: number;
  /** Orders in the database after the run (answered, plus the few in flight at the stop). */
  accepted: number;
  outOfStock: number;
  otherErrors: number;
  firstOtherError?: string;
  hotSold: number;
  hotRemaining: number;
  oversold: number;
  seconds: number;
}

/** Signs each buyer in once, through the login mutation, before any load. */
export async function buyerTokens(apiUrl: string): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 1; index <= BENCH_BUYERS; index++) {
    const answer = (await (
      await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
          variables: { input: { email: buyerEmail(index), password: BENCH_PASSWORD } },
        }),
      })
    ).json()) as { data?: { login: { accessToken: string } }; errors?: unknown };
    if (!answer.data) throw new Error(`buyer ${index} could not sign in: ${JSON.stringify(answer.errors)}`);
    tokens.push(answer.data.login.accessToken);
  }
  return tokens;
}

/**
 * autocannon stops at its deadline without waiting for the answers in flight; the API still finishes them. Wait until
 * no other session of the benchmark database is inside a transaction, so that checks and resets see settled rows.
 */
export async function drained(client: Client): Promise<void> {
  // Quiet at three polls in a row: a request still in the API between two statements (its reads, then its write in a
  // transaction of its own) leaves its backend idle for a moment.
  for (let waited = 0, quiet = 0; waited < 30_000; waited += 100) {
    const [{ busy }] = (
      await client.query(
        "select count(*)::int as busy from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and (state like 'idle in transaction%' or state = 'active')",
      )
    ).rows;
    quiet = busy === 0 ? quiet + 1 : 0;
    if (quiet === 3) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the API did not settle within 30 s after the load');
}

export async function resetStock(client: Client, productIds: string[], hotProductId: string): Promise<void> {
  await drained(client);
  await client.query(
    // Rows locked in id order, as checkout locks them: never a deadlock with an order still being written.
    `update product p set stock_thousandths = case when p.id = $2 then $3::int else $4::int end
     from (select id from product where id = any($1::uuid[]) order by id for update) l where p.id = l.id`,
    [productIds, hotProductId, HOT_STOCK, LARGE_STOCK],
  );
}

/**
 * The SQL check after a run: the lines of the run's accepted orders sum, product by product, to what left the stock;
 * no stock is negative; the hot product sold at most its stock. Throws on any oversell.
 */
async function checkRun(
  client: Client,
  keyPrefix: string,
  productIds: string[],
  hotProductId: string,
): Promise<{ accepted: number; hotSold: number; hotRemaining: number; oversold: number }> {
  const [{ accepted, supplierOrders, lines }] = (
    await client.query(
      `select count(distinct o.id)::int as accepted, count(distinct s.id)::int as "supplierOrders", count(l.id)::int as lines
       from customer_order o left join supplier_order s on s.order_id = o.id left join order_line l on l.supplier_order_id = s.id where o.idempotency_key like $1`,
      [`${keyPrefix}%`],
    )
  ).rows;
  if (supplierOrders !== 2 * accepted || lines !== 3 * accepted)
    throw new Error(`${accepted} orders with ${supplierOrders} supplier orders and ${lines} lines`);
  const { rows } = await client.query(
    `select p.id, p.stock_thousandths as remaining, case when p.id = $3 then $4::int else $5::int end as initial,
            coalesce((select sum(l.quantity_thousandths) from order_line l join supplier_order s on s.id = l.supplier_order_id join customer_order o on o.id = s.order_id
                      where l.product_id = p.id and o.idempotency_key like $2), 0)::int as sold
     from product p where p.id = any($1::uuid[])`,
    [productIds, `${keyPrefix}%`, hotProductId, HOT_STOCK, LARGE_STOCK],
  );
  let oversold = 0;
  for (const row of rows) {
    if (row.remaining < 0 || row.initial - row.remaining !== row.sold) oversold++;
  }
  if (oversold)
    throw new Error(`OVERSELL: ${oversold} products whose stock does not match the lines sold (${keyPrefix})`);
  const hot = rows.find((row) => row.id === hotProductId)!;
  return { accepted, hotSold: hot.sold / THOUSANDTHS, hotRemaining: hot.remaining / THOUSANDTHS, oversold };
}

/**
 * The floor under the database: the statements an order cannot do without, as bare `pg`, at 50 concurrent callers
 * on a pool as large as the API's (`POOL_CONNECTIONS`): in one transaction, the order, its 2 supplier orders,
 * 3 lines, 2 transitions and its outbox message (one multi-row INSERT per table, as the ORM batches them), then the
 * 3 conditional stock UPDATEs in id order; an UPDATE that takes nothing rolls the order back. Same carts, same
 * stock. The rows are deleted afterwards (the outbox rows are written as already dispatched, so no relay takes them).
 */
async function barePgOrders(
  databaseUrl: string,
  carts: BenchCart[],
  productIds: string[],
  hotProductId: string,
  seconds: number,
): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_CONNECTIONS });
  const setup = new Client({ connectionString: databaseUrl });
  await setup.connect();
  await resetStock(setup, productIds, hotProductId);
  const prefix = `floor-${Date.now()}-`;
  const producers = new Map<string, { latitude: number; longitude: number }>();
  for (const row of (
    await setup.query(
      'select id, address_latitude as latitude, address_longitude as longitude from organization where id = any($1::uuid[])',
      [carts.flatMap((cart) => cart.deliveries.map((d) => d.producerId))],
    )
  ).rows) {
    producers.set(row.id, { latitude: row.latitude, longitude: row.longitude });
  }
  let counter = 0;
  let committed = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  const caller = async () => {
    while (Date.now() < deadline) {
      const n = counter++;
      const cart = carts[n % carts.length];
      const buyer = 1 + (n % BENCH_BUYERS);
      const client = await pool.connect();
      try {
        await client.query('begin');
        const {
          rows: [order],
        } = await client.query(
          `insert into customer_order (id, number, buyer_user_id, buyer_organization_id, channel, payment_method, idempotency_key, request_digest, delivery_line1, delivery_postal_code,
             delivery_city, delivery_insee_code, delivery_department_code, delivery_latitude, delivery_longitude, delivery_precision, subtotal_cents, vat_cents, total_cents, created_at)
           values (gen_random_uuid(), $1, $2, $3, 'B2B', 'INVOICE', $4, 'floor', '1 rue des Granges', $5, $6, $7, $8, $9, $10, 'ADDRESS', 7290, 401, 7691, now()) returning id`,
          [
            `F${n}-${started % 100000}`.slice(0, 20),
            `31000000-0000-4000-8000-${String(buyer).padStart(12, '0')}`,
            buyerOrganizationId(buyer),
            `${prefix}${n}`,
            BESANCON.postalCode,
            BESANCON.city,
            BESANCON.insee,
            BESANCON.department,
            BESANCON.latitude,
            BESANCON.longitude,
          ],
        );
        const footprint = JSON.stringify({ emissionsKgCo2e: 20, baselineKgCo2e: 30, massKg: 10 });
        const { rows: parts } = await client.query(
          `insert into supplier_order (id, order_id, producer_id, status, delivery, producer_location, delivery_location, goods_cents, fee_cents, fee_by_rate, vat_by_rate, subtotal_cents, vat_cents,
             total_cents, carbon, emissions_kg_co2e, baseline_kg_co2e, mass_kg, created_at, status_changed_at)
           select gen_random_uuid(), $1, p, 'PLACED', '{"mode":"PRODUCER_DELIVERY"}', $3::jsonb, $4::jsonb, 3000, 800, '[]', '[]', 3800, 209, 4009, $5::jsonb, 20, 30, 10, now(), now()
           from unnest($2::uuid[]) p returning id, producer_id`,
          [
            order.id,
            cart.deliveries.map((d) => d.producerId),
            JSON.stringify(producers.get(cart.deliveries[0].producerId)),
            JSON.stringify({ latitude: BESANCON.latitude, longitude: BESANCON.longitude }),
            footprint,
          ],
        );
        const partOf = (index: number) =>
          parts.find((part) => part.producer_id === cart.deliveries[index < 2 ? 0 : 1].producerId)!.id;
        await client.query(
          `insert into order_line (id, supplier_order_id, position, product_id, name, unit, category, quantity_thousandths, unit_price_cents, vat_rate_basis_points, total_cents, mass_kg, intermediaries, brand_ids)
           select gen_random_uuid(), s, pos, p, 'Produit', 'KG', 'FRESH_VEGETABLES', $4, 400, 550, 2000, $5, 0, '[]' from unnest($1::uuid[], $2::int[], $3::uuid[]) as t(s, pos, p)`,
          [[0, 1, 2].map(partOf), [0, 1, 2], cart.lines.map((line) => line.productId), THOUSANDTHS, QUANTITY],
        );
        await client.query(
          `insert into supplier_order_transition (id, supplier_order_id, to_status, actor_user_id, at) select gen_random_uuid(), s, 'PLACED', $2, now() from unnest($1::uuid[]) s`,
          [parts.map((part) => part.id), `31000000-0000-4000-8000-${String(buyer).padStart(12, '0')}`],
        );
        await client.query(
          `insert into outbox_message (topic, payload, created_at, available_at, dispatched_at) values ('bench.floor', $1, now(), now(), now())`,
          [JSON.stringify({ orderId: order.id })],
        );
        let taken = true;
        for (const productId of cart.lines.map((line) => line.productId).sort()) {
          const { rowCount } = await client.query(
            'update product set stock_thousandths = stock_thousandths - $2 where id = $1 and active and stock_thousandths >= $2',
            [productId, THOUSANDTHS],
          );
          if (!rowCount) {
            taken = false;
            break;
          }
        }
        await client.query(taken ? 'commit' : 'rollback');
        if (taken) committed++;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: 50 }, caller));
    const rate = committed / ((Date.now() - started) / 1000);
    await setup.query('delete from customer_order where idempotency_key like $1', [`${prefix}%`]);
    await setup.query("delete from outbox_message where topic = 'bench.floor'");
    await resetStock(setup, productIds, hotProductId);
    return rate;
  } finally {
    await pool.end();
    await setup.end();
  }
}

/**
 * PRODUCT.md §6: `placeOrder` (3 lines, 2 producers), ≥ 300 orders/s at 50 connections with zero oversell. Business
 * buyers in Besançon, signed in once through `login`, pay by INVOICE; each request has a unique idempotency key.
 * Stock is reset before each run: large everywhere but on one hot product in a cart of four, which runs out on
 * purpose, so that OUT_OF_STOCK answers and the no-oversell check are exercised under contention. The figure is the
 * successful answers per second within the run; the orders found in SQL afterwards must match them (plus the few in
 * flight at the stop), and every other answer is counted.
 */
export async function orderBenchmark(
  apiUrl: string,
  databaseUrl: string,
  runs = 3,
  seconds = 10,
  processes = 1,
): Promise<{ figures: BenchFigure[]; checks: OrderRunCheck[] }> {
  const { carts, hotProductId, productIds } = await orderCarts(databaseUrl, QUANTITY);
  const tokens = await buyerTokens(apiUrl);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const bodyOf = (keyPrefix: string) => placeOrderBody(carts, keyPrefix);
  const headersOf = (n: number) => ({ authorization: `Bearer ${tokens[n % BENCH_BUYERS]}` });

  const measureRun = async (
    label: string,
    runSeconds: number,
  ): Promise<{ result: AutocannonResult; check: OrderRunCheck }> => {
    await resetStock(client, productIds, hotProductId);
    const keyPrefix = `bench-${Date.now()}-${label}-`;
    let ok = 0;
    let outOfStock = 0;
    let otherErrors = 0;
    let firstOtherError: string | undefined;
    const verifyBody = (body: string) => {
      if (graphqlOk(body)) ok++;
      else if (body.includes('"code":"OUT_OF_STOCK"')) outOfStock++;
      else {
        otherErrors++;
        firstOtherError ??= body.slice(0, 300);
        return false;
      }
      return true;
    };
    const result = await loadRotating(apiUrl, rotatingRequests(bodyOf(keyPrefix), headersOf), runSeconds, verifyBody);
    const runTime = (result.finish.getTime() - result.start.getTime()) / 1000;
    await drained(client);
    const sql = await checkRun(client, keyPrefix, productIds, hotProductId);
    // Orders still in flight when autocannon stopped are written but not answered: at most one per connection.
    if (sql.accepted < ok || sql.accepted > ok + 50)
      throw new Error(`${ok} successful answers but ${sql.accepted} orders in the database (${keyPrefix})`);
    const check: OrderRunCheck = {
      run: label,
      requests: result.requests.total,
      answeredOk: ok,
      accepted: sql.accepted,
      outOfStock,
      otherErrors,
      firstOtherError,
      hotSold: sql.hotSold,
      hotRemaining: sql.hotRemaining,
      oversold: sql.oversold,
      seconds: runTime,
    };
    process.stderr.write(
      `placeOrder (${processes} API process${processes === 1 ? '' : 'es'}) ${label}: ${JSON.stringify(check)} → ${(ok / runTime).toFixed(1)} accepted orders/s, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts (load ${loadavg()[0].toFixed(1)})\n`,
    );
    return { result, check };
  };

  const checks: OrderRunCheck[] = [];
  const api: { ops: number; p99: number; load: number }[] = [];
  const floor: { rps: number; p99: number }[] = [];
  const pgFloor: number[] = [];
  const pgFloorLoad: number[] = [];
  try {
    const warm = await measureRun('warm-up', 3);
    const sample = await (
      await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headersOf(1) },
        body: bodyOf(`bench-sample-${Date.now()}-`)(1),
      })
    ).text();
    if (!graphqlOk(sample))
      throw new Error(`unexpected answer: ${sample.slice(0, 300)} (warm-up: ${JSON.stringify(warm.check)})`);
    const bare = await bareServer(sample);
    const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}`;
    try {
      for (let run = 0; run < runs; run++) {
        const { result, check } = await measureRun(`run${run + 1}`, seconds);
        checks.push(check);
        api.push({ ops: check.answeredOk / check.seconds, p99: result.latency.p99, load: loadavg()[0] });
        const bareMeasured = await loadRotating(bareUrl, rotatingRequests(bodyOf('bare-'), headersOf), seconds);
        floor.push({ rps: bareMeasured.requests.average, p99: bareMeasured.latency.p99 });
        pgFloor.push(await barePgOrders(databaseUrl, carts, productIds, hotProductId, seconds));
        pgFloorLoad.push(loadavg()[0]);
        process.stderr.write(
          `placeOrder floors run ${run + 1}: bare handler ${bareMeasured.requests.average} req/s, bare pg ${pgFloor.at(-1)!.toFixed(1)} orders/s (load ${pgFloorLoad.at(-1)!.toFixed(1)})\n`,
        );
      }
    } finally {
      bare.close();
    }
  } finally {
    await resetStock(client, productIds, hotProductId).catch((error) =>
      process.stderr.write(`stock not reset: ${String(error)}\n`),
    );
    await client.end();
  }
  const figure = median(api.map((m) => m.ops));
  // The one-minute load average of the machine beside the figures (API / bare pg), as the catalog reads give it.
  const load = `load average ${median(api.map((m) => m.load)).toFixed(1)} / ${median(pgFloorLoad).toFixed(1)}`;
  const where = processes === 1 ? 'one API process' : `${processes} API processes`;
  return {
    checks,
    figures: [
      {
        scenario: `placeOrder, 3 lines from 2 producers, accepted orders/s, 0 oversold (50 connections, ${where}), next to a bare handler`,
        unit: 'orders/s',
        figure,
        floor: median(floor.map((m) => m.rps)),
        target: 300,
        higherIsBetter: true,
        runs,
      },
      {
        scenario: `placeOrder, the same (${where}), next to a bare pg transaction of the same writes (50 callers, ${POOL_CONNECTIONS} connections; ${load})`,
        unit: 'orders/s',
        figure,
        floor: median(pgFloor),
        target: 300,
        higherIsBetter: true,
        runs,
      },
      {
        scenario: `placeOrder, p99 latency (50 connections, ${where})`,
        unit: 'ms',
        figure: median(api.map((m) => m.p99)),
        floor: median(floor.map((m) => m.p99)),
        target: Number.NaN,
        higherIsBetter: false,
        runs,
      },
    ],
  };
}
