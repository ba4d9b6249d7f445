import { loadavg } from 'node:os';
import { Client } from 'pg';
import { benchDatabase } from './export.bench';
import { loadRotating, rotatingRequests, startProductionApi } from './http.bench';
import { QUANTITY, buyerTokens, drained, placeOrderBody, resetStock } from './order.bench';
import { BENCH_BUYERS, orderCarts, seedOrderDataset } from './order-dataset';
import { processCpuMs } from './bench-figures';

/**
 * CPU per accepted order of placeOrder (bench/RESULTS.md "placeOrder, round 3"): utime + stime of the API process and
 * of its PostgreSQL backends (`/proc/<pid>/stat`, backends found by their application name) over an autocannon load
 * of the bench's carts at 50 connections, divided by the orders the run wrote; the SQL statements of the backends are
 * counted from `pg_stat_database.xact_commit` too (transactions per order). Unlike orders/s it barely depends on what
 * else runs on the machine.
 *
 *   node -r ./scripts/register-ts.cjs bench/order-cpu.ts
 *
 * BENCH_DATABASE (seeded as `npm run bench -- order` seeds it), BENCH_CPU_SECONDS (8), BENCH_CPU_RUNS (3),
 * BENCH_CPU_PORT (3950), BENCH_CPU_PROFILE=1 (the API's CPU profile over the measured runs, warm-up and start-up
 * left out: bench/cpu-profile.cjs, written to BENCH_CPU_PROFILE_FILE, default /tmp/api.cpuprofile; summarize it
 * with `node bench/cpu-profile-summary.cjs`).
 */
const APP = 'ancrage_cpu_order';

async function backendCpu(client: Client): Promise<Map<number, number>> {
  const { rows } = await client.query('select pid from pg_stat_activity where application_name = $1', [APP]);
  return new Map(rows.map((row: { pid: number }) => [row.pid, processCpuMs(row.pid)]));
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_CPU_SECONDS ?? 8);
  const runs = Number(process.env.BENCH_CPU_RUNS ?? 3);
  const port = Number(process.env.BENCH_CPU_PORT ?? 3950);
  const databaseUrl = await benchDatabase();
  await seedOrderDataset(databaseUrl);
  const profiling = process.env.BENCH_CPU_PROFILE === '1';
  if (profiling) process.env.BENCH_API_NODE_OPTIONS = '-r ./bench/cpu-profile.cjs';
  const api = await startProductionApi(databaseUrl, port, {
    ...(process.env.BENCH_CPU_PROFILE_FILE ? { BENCH_CPU_PROFILE_FILE: process.env.BENCH_CPU_PROFILE_FILE } : {}),
    API_PROCESSES: '1',
    PGAPPNAME: APP,
    RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
    NEW_BUYER_INVOICE_CAP_CENTS: '100000000',
  });
  const url = `http://127.0.0.1:${port}`;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { carts, hotProductId, productIds } = await orderCarts(databaseUrl, QUANTITY);
    const tokens = await buyerTokens(url);
    const load = async (keyPrefix: string, runSeconds: number) => {
      let ok = 0;
      let outOfStock = 0;
      let other = 0;
      let firstOther = '';
      const result = await loadRotating(
        url,
        rotatingRequests(placeOrderBody(carts, keyPrefix), (n) => ({
          authorization: `Bearer ${tokens[n % BENCH_BUYERS]}`,
        })),
        runSeconds,
        (body) => {
          if (body.startsWith('{"data"') && !body.includes('"errors"')) ok++;
          else if (body.includes('"code":"OUT_OF_STOCK"')) outOfStock++;
          else {
            other++;
            firstOther ||= body.slice(0, 200);
          }
          return true;
        },
      );
      return { ok, outOfStock, other, firstOther, result };
    };
    await resetStock(client, productIds, hotProductId);
    await load(`cpu-warm-${Date.now()}-`, 3);
    const rows: string[] = [];
    if (profiling) api.kill('SIGWINCH');
    for (let run = 1; run <= runs; run++) {
      await resetStock(client, productIds, hotProductId);
      const keyPrefix = `cpu-${Date.now()}-${run}-`;
      const before = await backendCpu(client);
      const nodeBefore = processCpuMs(api.pid!);
      const measured = await load(keyPrefix, seconds);
      const nodeMs = processCpuMs(api.pid!) - nodeBefore;
      await drained(client);
      const after = await backendCpu(client);
      let postgresMs = 0;
      for (const pid of new Set([...before.keys(), ...after.keys()]))
        postgresMs += (after.get(pid) ?? processCpuMs(pid)) - (before.get(pid) ?? 0);
      const [{ orders }] = (
        await client.query('select count(*)::int as orders from customer_order where idempotency_key like $1', [
          `${keyPrefix}%`,
        ])
      ).rows;
      const line = `run ${run}: ${orders} orders written (${measured.ok} answered OK, ${measured.outOfStock} OUT_OF_STOCK, ${measured.other} other${measured.firstOther ? `: ${measured.firstOther}` : ''}) in ${seconds} s → ${(measured.ok / seconds).toFixed(1)} orders/s, p99 ${measured.result.latency.p99} ms; API Node ${(nodeMs / orders).toFixed(2)} ms + PostgreSQL ${(postgresMs / orders).toFixed(2)} ms CPU per order (load ${loadavg()[0].toFixed(1)})`;
      process.stderr.write(`${line}\n`);
      rows.push(line);
    }
    if (profiling) {
      api.kill('SIGWINCH');
      await new Promise((done) => setTimeout(done, 2000));
    }
    await resetStock(client, productIds, hotProductId);
    process.stdout.write(`${rows.join('\n')}\n`);
  } finally {
    await client.end();
    api.kill('SIGTERM');
    await new Promise((done) => api.once('exit', done));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
