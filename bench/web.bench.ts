import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { median, type BenchFigure } from './bench-figures';
import { autocannon, type AutocannonResult, graphqlOk, startProductionApi, stopProductionApi } from './http.bench';

/**
 * WEB.md §3: the server-rendered catalogue and product pages cost at most 2 × the GraphQL queries behind them, and a
 * public page ships at most 150 kB of compressed JavaScript.
 *
 * "The queries behind them" are the very requests the page's loaders send: a first API process, whose pages call the
 * API through a recording proxy (ANCRAGE_API_URL), gives them; then a clean API process serves the page under load,
 * and each recorded GraphQL request is measured alone under the same load. A page that sends n requests costs
 * Σ 1/rpsᵢ of server time, so the floor is 1 / Σ (1/rpsᵢ) pages a second and the target is half of it.
 */

const CATALOGUE_PATH = `/produits?commune=${encodeURIComponent('Guéret (23000)')}&rayon=50&tri=distance`;
const GUERET = { insee: '23096', latitude: 46.15847, longitude: 1.87047 };
const JS_BUDGET_KB = 150;
const ROOT = resolve(__dirname, '..');

/** The catalogue resolves "Guéret" to its centre: the commune coordinates `npm run geo:import` would load. */
async function placeGueret(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      'insert into commune_coordinates (insee_code, latitude, longitude, imported_at) values ($1, $2, $3, now()) on conflict (insee_code) do nothing',
      [GUERET.insee, GUERET.latitude, GUERET.longitude],
    );
  } finally {
    await client.end();
  }
}

/** A proxy in front of /graphql that keeps the bodies of the requests going through it. */
export async function recordingProxy(apiUrl: string): Promise<{ url: string; recorded: string[]; server: Server }> {
  const recorded: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      recorded.push(body);
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
      ) as Record<string, string>;
      const answer = await fetch(`${apiUrl}/graphql`, { method: 'POST', headers, body });
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`, recorded, server };
}

/** The GraphQL requests each page's loaders send (the product page's with its product id in the variables). */
async function recordPageQueries(
  databaseUrl: string,
  port: number,
  productSlug: string,
): Promise<{ catalogue: string[]; product: string[] }> {
  const apiUrl = `http://127.0.0.1:${port}`;
  const proxy = await recordingProxy(apiUrl);
  const api = await startProductionApi(databaseUrl, port, { ANCRAGE_API_URL: proxy.url });
  try {
    const take = async (path: string) => {
      proxy.recorded.length = 0;
      const page = await fetch(`${apiUrl}${path}`);
      if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
      return [...proxy.recorded];
    };
    return { catalogue: await take(CATALOGUE_PATH), product: await take(`/produits/${productSlug}`) };
  } finally {
    await stopProductionApi(api);
    proxy.server.close();
  }
}

const failures = (result: AutocannonResult) => result.non2xx + result.errors + result.timeouts + result.mismatches;

async function loadPages(
  url: string,
  pathOf: (n: number) => string,
  seconds: number,
  mustContain: string,
): Promise<number> {
  let counter = 0;
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request: Record<string, unknown>) => ({ ...request, method: 'GET', path: pathOf(counter++) }),
      },
    ],
    verifyBody: (body: string) => body.includes(mustContain),
  });
  if (failures(result))
    throw new Error(
      `pages: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ${result.mismatches} unexpected pages`,
    );
  return result.requests.average;
}

async function loadGraphql(url: string, bodyOf: (n: number) => string, seconds: number): Promise<number> {
  let counter = 0;
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json' },
          body: bodyOf(counter++),
        }),
      },
    ],
    verifyBody: graphqlOk,
  });
  if (failures(result))
    throw new Error(
      `GraphQL: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ${result.mismatches} answers with errors`,
    );
  return result.requests.average;
}

/** Pages a second the recorded requests allow when a page sends them one after the other: 1 / Σ (1/rpsᵢ). */
async function graphqlFloor(url: string, bodies: ((n: number) => string)[], seconds: number): Promise<number> {
  let secondsPerPage = 0;
  for (const bodyOf of bodies) secondsPerPage += 1 / (await loadGraphql(url, bodyOf, seconds));
  return 1 / secondsPerPage;
}

/** The compressed JavaScript a page loads before any interaction: its module scripts and their preloads. */
export function pageJavaScriptKb(html: string, clientDir = resolve(ROOT, 'dist/web/client')): number {
  const assets = new Set(
    [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.js)"|import\("(\/assets\/[^"]+\.js)"\)/g)].map(
      (m) => m[1] ?? m[2],
    ),
  );
  let bytes = 0;
  for (const asset of assets) bytes += gzipSync(readFileSync(resolve(clientDir, `.${asset}`))).length;
  return bytes / 1024;
}

export async function webPagesBenchmark(
  databaseUrl: string,
  products: { ids: string[]; slugs: string[] },
  runs = 3,
  seconds = 10,
): Promise<BenchFigure[]> {
  await placeGueret(databaseUrl);
  const port = 3902;
  const { ids, slugs } = products;
  const recorded = await recordPageQueries(databaseUrl, port, slugs[0]);
  // The n-th page's requests: the first product's slug and id (quoted, as in the JSON bodies) made the n-th's.
  const withProduct = (body: string) => (n: number) =>
    body
      .replaceAll(`"${slugs[0]}"`, `"${slugs[n % slugs.length]}"`)
      .replaceAll(`"${ids[0]}"`, `"${ids[n % ids.length]}"`);
  const api: ChildProcess = await startProductionApi(databaseUrl, port);
  const url = `http://127.0.0.1:${port}`;
  const catalogue = { page: [] as number[], floor: [] as number[] };
  const product = { page: [] as number[], floor: [] as number[] };
  let javaScriptKb: number;
  try {
    const html = await (await fetch(`${url}${CATALOGUE_PATH}`)).text();
    javaScriptKb = pageJavaScriptKb(html);
    await loadPages(url, () => CATALOGUE_PATH, 3, '<html lang="fr">'); // warm-up
    for (let run = 0; run < runs; run++) {
      catalogue.page.push(await loadPages(url, () => CATALOGUE_PATH, seconds, 'km'));
      catalogue.floor.push(
        await graphqlFloor(
          url,
          recorded.catalogue.map((body) => () => body),
          seconds,
        ),
      );
      product.page.push(
        await loadPages(url, (n) => `/produits/${slugs[n % slugs.length]}`, seconds, 'application/ld+json'),
      );
      product.floor.push(await graphqlFloor(url, recorded.product.map(withProduct), seconds));
      process.stderr.write(
        `web run ${run + 1}: catalogue ${catalogue.page.at(-1)} pages/s (floor ${catalogue.floor.at(-1)?.toFixed(1)}), product ${product.page.at(-1)} pages/s (floor ${product.floor.at(-1)?.toFixed(1)})\n`,
      );
    }
  } finally {
    await stopProductionApi(api);
  }
  const figure = (scenario: string, measured: { page: number[]; floor: number[] }, requests: number): BenchFigure => {
    const floor = median(measured.floor);
    return {
      scenario: `${scenario} (${requests} GraphQL request(s) behind it; 50 connections)`,
      unit: 'pages/s',
      figure: median(measured.page),
      floor,
      target: floor / 2,
      higherIsBetter: true,
      runs,
    };
  };
  return [
    figure(
      'Catalogue page /produits near Guéret 50 km by distance, server-rendered',
      catalogue,
      recorded.catalogue.length,
    ),
    figure('Product page /produits/:slug, server-rendered, 1,000 products', product, recorded.product.length),
    {
      scenario: 'Compressed JavaScript of the catalogue page (modules and preloads, gzip)',
      unit: 'kB',
      figure: javaScriptKb,
      floor: Number.NaN,
      target: JS_BUDGET_KB,
      higherIsBetter: false,
      runs: 1,
    },
  ];
}
