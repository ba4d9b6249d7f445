import { writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { type BenchFigure, tableRow } from './bench-figures';
import { carbonBenchmark } from './carbon.bench';
import { activeProducts, seedCatalogDataset, vacuumCatalog } from './catalog-dataset';
import { benchDatabase, exportBenchmarks } from './export.bench';
import {
  catalogReadBenchmark,
  listingRead,
  nearSearchRead,
  productPageRead,
  startProductionApi,
  stopProductionApi,
} from './http.bench';
import { loginBenchmark } from './login.bench';
import { orderBenchmark, type OrderRunCheck } from './order.bench';
import { productPageIds, productPageSlugs, seedOrderDataset } from './order-dataset';
import { startupBenchmark } from './startup.bench';
import { webPagesBenchmark } from './web.bench';
import {
  BENCH_STRIPE_SECRET_KEY,
  BENCH_STRIPE_WEBHOOK_SECRET,
  countingStripe,
  webhookBenchmark,
} from './webhook.bench';

/** The product page's sample, by id (the API's product(id)) and by address (the web's /produits/<slug>). */
async function pageProducts(databaseUrl: string): Promise<{ ids: string[]; slugs: string[] }> {
  const ids = await productPageIds(databaseUrl);
  return { ids, slugs: await productPageSlugs(databaseUrl, ids) };
}

const SCENARIOS = [
  'carbon',
  'startup',
  'export',
  'near',
  'product',
  'listing',
  'order',
  'login',
  'web',
  'webhooks',
] as const;

/** The whole machine: one API process per core (`API_PROCESSES`, see README "Running in production"). */
const BENCH_API_PROCESSES = Number(process.env.BENCH_API_PROCESSES ?? availableParallelism());

/** The port of the API under the order and login loads (BENCH_ORDER_PORT: two sessions benchmarking side by side). */
const ORDER_PORT = Number(process.env.BENCH_ORDER_PORT ?? 3901);

/** A figure without a target (NaN) shows "—" rather than a made-up threshold; one without a floor, "—" for it. */
function row(figure: BenchFigure): string {
  const cells = tableRow({
    ...figure,
    target: Number.isNaN(figure.target) ? 0 : figure.target,
    floor: Number.isNaN(figure.floor) ? figure.figure : figure.floor,
  }).split(' | ');
  if (Number.isNaN(figure.floor)) cells.splice(2, 2, '—', '—');
  if (Number.isNaN(figure.target)) cells.splice(4, 2, '—', '— |');
  return cells.join(' | ');
}

/**
 * `npm run bench`: every scenario, each next to its floor, median of several runs; prints the Markdown table and
 * writes bench/results/latest.json. `npm run bench -- near product order login` runs those scenarios only (and
 * writes bench/results/latest-near-product-order-login.json, leaving the full run's file alone).
 * BENCH_RUNS and BENCH_SECONDS shorten the catalog (near, product, listing), order and login loads while developing
 * (default 3 × 10 s); the catalog reads run on one API process, then on BENCH_API_PROCESSES (default: one per core).
 * `webhooks` (PAY-09, a nightly item) is one run of 60 s at 50 events/s; BENCH_SECONDS shortens it too.
 */
async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; choose among ${SCENARIOS.join(', ')}`);
  const runs = (name: (typeof SCENARIOS)[number]) => wanted.length === 0 || wanted.includes(name);
  const loadRuns = Number(process.env.BENCH_RUNS ?? 3);
  const loadSeconds = Number(process.env.BENCH_SECONDS ?? 10);
  const figures: BenchFigure[] = [];
  let orderChecks: OrderRunCheck[] | undefined;
  if (runs('carbon')) figures.push(carbonBenchmark());
  if (runs('startup')) figures.push(await startupBenchmark());
  if (runs('export')) figures.push(...(await exportBenchmarks()));
  let webhookChecks: Omit<Awaited<ReturnType<typeof webhookBenchmark>>, 'figures'> | undefined;
  if (
    runs('near') ||
    runs('product') ||
    runs('listing') ||
    runs('order') ||
    runs('login') ||
    runs('web') ||
    runs('webhooks')
  ) {
    const databaseUrl = await benchDatabase();
    await seedCatalogDataset(databaseUrl);
    if (runs('near') || runs('product') || runs('listing')) {
      await seedOrderDataset(databaseUrl);
      // The table as autovacuum keeps it, not as the last run's order bench left it (catalog-dataset.ts).
      await vacuumCatalog(databaseUrl);
      const reads = [
        ...(runs('near') ? [{ read: nearSearchRead(), target: { rps: 1000, p99: 50 } }] : []),
        ...(runs('product')
          ? [{ read: productPageRead(await productPageIds(databaseUrl)), target: { rps: 1000, p99: 50 } }]
          : []),
        ...(runs('listing') ? [{ read: listingRead(await activeProducts(databaseUrl)), target: { rps: 500 } }] : []),
      ];
      // One API process (the figures of issue #24), then one per core on the same port (the whole machine).
      for (const processes of [...new Set([1, BENCH_API_PROCESSES])]) {
        const api = await startProductionApi(databaseUrl, 3900, { API_PROCESSES: String(processes) });
        try {
          for (const { read, target } of reads)
            figures.push(
              ...(await catalogReadBenchmark(
                'http://127.0.0.1:3900',
                databaseUrl,
                read,
                target,
                loadRuns,
                loadSeconds,
                processes,
              )),
            );
        } finally {
          await stopProductionApi(api);
        }
      }
    }
    if (runs('order') || runs('login') || runs('web')) {
      await seedOrderDataset(databaseUrl);
      if (runs('web'))
        figures.push(...(await webPagesBenchmark(databaseUrl, await pageProducts(databaseUrl), loadRuns, loadSeconds)));
      // One IP signs in thousands of times a minute: the per-IP limit on sign-ins (20 a minute by default) is raised
      // for this process only. The per-account brake keeps its default (see login.bench.ts). The same 50 buyers
      // place thousands of invoice orders with producers that never deliver them: the cap on a new buyer's open
      // invoice orders (300 € by default) is raised to its maximum for this process, or the runs after the first
      // are refused whole.
      const benchEnv = { RATE_LIMIT_AUTH_PER_MINUTE: '1000000', NEW_BUYER_INVOICE_CAP_CENTS: '100000000' };
      // placeOrder on one API process (issue #24 item 3's figure), then one per core on the same port (item 5).
      for (const processes of runs('order') ? [...new Set([1, BENCH_API_PROCESSES])] : []) {
        const api = await startProductionApi(databaseUrl, ORDER_PORT, {
          ...benchEnv,
          API_PROCESSES: String(processes),
        });
        try {
          const order = await orderBenchmark(
            `http://127.0.0.1:${ORDER_PORT}`,
            databaseUrl,
            loadRuns,
            loadSeconds,
            processes,
          );
          figures.push(...order.figures);
          orderChecks = [...(orderChecks ?? []), ...order.checks.map((check) => ({ ...check, processes }))];
        } finally {
          await stopProductionApi(api);
        }
      }
      if (runs('login')) {
        const api = await startProductionApi(databaseUrl, ORDER_PORT, benchEnv);
        try {
          figures.push(...(await loginBenchmark(`http://127.0.0.1:${ORDER_PORT}`, databaseUrl, loadRuns, loadSeconds)));
        } finally {
          await stopProductionApi(api);
        }
      }
    }
    if (runs('webhooks')) {
      // PAY-09: the API with a (test) Stripe key and webhook secret; its Stripe client points at a local server that
      // counts what reaches it — the webhook handler must call nothing there (the run fails otherwise).
      const stripe = await countingStripe();
      const api = await startProductionApi(databaseUrl, 3902, {
        STRIPE_SECRET_KEY: BENCH_STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET: BENCH_STRIPE_WEBHOOK_SECRET,
        STRIPE_API_URL: stripe.url,
      });
      try {
        const webhooks = await webhookBenchmark(
          'http://127.0.0.1:3902',
          databaseUrl,
          stripe.calls,
          process.env.BENCH_SECONDS ? loadSeconds : 60,
        );
        const { figures: webhookFigures, ...checks } = webhooks;
        figures.push(...webhookFigures);
        webhookChecks = checks;
      } finally {
        await stopProductionApi(api);
        await stripe.close();
      }
    }
  }
  const table = [
    '| Scenario | Figure | Floor | Ratio | Target | |',
    '|---|---|---|---|---|---|',
    ...figures.map(row),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  mkdirSync(resolve(__dirname, 'results'), { recursive: true });
  writeFileSync(
    resolve(__dirname, wanted.length ? `results/latest-${wanted.join('-')}.json` : 'results/latest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, scenarios: wanted.length ? wanted : 'all', figures, orderChecks, webhookChecks }, null, 2)}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
