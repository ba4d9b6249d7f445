import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '@app/identity';
import { median, type BenchFigure } from './bench-figures';
import { BENCH_PERIOD, RSE_PAGE_BUYER_ID, seedExportDataset } from './export-dataset';
import { startProductionApi, stopProductionApi } from './http.bench';
import { BENCH_PASSWORD } from './order-dataset';
import { recordingProxy } from './web.bench';

/**
 * Issue #22 §6: the `/pro/rse` page of a buyer with 100,000 lines in its year renders within 2 × the `rseSummary`
 * query behind it. The page is server-rendered by the production API (`dist/`, built pages) for a signed-in member
 * (the session cookies the web app sets on sign-in); its GraphQL requests are recorded through a proxy
 * (ANCRAGE_API_URL), then a clean process serves, one after the other, the page and each recorded request alone with
 * the same access token. A report this size takes a good part of a second, so the figure is the median time of
 * sequential loads (no concurrency: the ratio compares one page with its own queries), and the floor the sum of the
 * recorded requests' median times.
 */

const LINES = 100_000;
const MEMBER_ID = '33000000-0000-4000-8000-00000000b002';
const MEMBER_EMAIL = 'rse@banc.ancrage.test';
const PAGE_PATH = `/pro/rse?organisation=${RSE_PAGE_BUYER_ID}&du=${BENCH_PERIOD.from}&au=${BENCH_PERIOD.to}&rayon=100`;
/** What only a page showing the report's figures holds (an error or another page does not). */
const PAGE_MARK = 'Restaurant du banc d';
const LOGIN =
  'mutation Login($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id email displayName } } }';

/** The restaurant's year and one member who can sign in (idempotent). */
async function seedMember(databaseUrl: string): Promise<void> {
  await seedExportDataset(databaseUrl, LINES, RSE_PAGE_BUYER_ID);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const member = 'select 1 from membership where user_id = $1 and organization_id = $2';
    if ((await client.query(member, [MEMBER_ID, RSE_PAGE_BUYER_ID])).rowCount) return;
    await client.query(
      `insert into app_user (id, email, password_hash, display_name, created_at) values ($1, $2, $3, 'Responsable RSE de banc', now())
       on conflict do nothing`,
      [MEMBER_ID, MEMBER_EMAIL, await hashPassword(BENCH_PASSWORD)],
    );
    await client.query(
      `insert into membership (id, user_id, organization_id, role, created_at) values (gen_random_uuid(), $1, $2, 'OWNER', now())`,
      [MEMBER_ID, RSE_PAGE_BUYER_ID],
    );
  } finally {
    await client.end();
  }
}

async function signIn(url: string): Promise<{ accessToken: string; refreshToken: string }> {
  const answer = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { input: { email: MEMBER_EMAIL, password: BENCH_PASSWORD } } }),
  });
  const body = (await answer.json()) as { data?: { login: { accessToken: string; refreshToken: string } } };
  if (!body.data) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body.data.login;
}

/** Median milliseconds of `runs` sequential calls, after one warm-up; each answer is checked. */
async function timed(runs: number, call: () => Promise<void>): Promise<number> {
  await call();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function rsePageBenchmark(databaseUrl: string, runs = 5): Promise<BenchFigure[]> {
  await seedMember(databaseUrl);
  const port = 3903;
  const url = `http://127.0.0.1:${port}`;
  const cookieOf = (tokens: { accessToken: string; refreshToken: string }) =>
    `ancrage_access=${tokens.accessToken}; ancrage_refresh=${tokens.refreshToken}`;
  const loadPage = async (cookie: string) => {
    const page = await fetch(`${url}${PAGE_PATH}`, { headers: { cookie } });
    const html = await page.text();
    if (page.status !== 200 || !html.includes(PAGE_MARK)) {
      writeFileSync(join(tmpdir(), 'ancrage-bench-rse-page.html'), html);
      throw new Error(`/pro/rse answered ${page.status} without its figures (page in the temporary directory)`);
    }
  };

  // The requests the page's loaders send for this member.
  const proxy = await recordingProxy(url);
  let api = await startProductionApi(databaseUrl, port, { ANCRAGE_API_URL: proxy.url });
  let recorded: string[];
  try {
    const cookie = cookieOf(await signIn(url));
    proxy.recorded.length = 0;
    await loadPage(cookie);
    recorded = [...proxy.recorded];
  } finally {
    await stopProductionApi(api);
    proxy.server.close();
  }
  if (!recorded.some((body) => body.includes('rseSummary'))) throw new Error('the page sent no rseSummary query');

  api = await startProductionApi(databaseUrl, port);
  let pageMs: number;
  const requestMs: number[] = [];
  try {
    const tokens = await signIn(url);
    pageMs = await timed(runs, () => loadPage(cookieOf(tokens)));
    for (const body of recorded)
      requestMs.push(
        await timed(runs, async () => {
          const answer = await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.accessToken}` },
            body,
          });
          const json = (await answer.json()) as { errors?: unknown };
          if (answer.status !== 200 || json.errors)
            throw new Error(`a recorded request failed: ${JSON.stringify(json)}`);
        }),
      );
  } finally {
    await stopProductionApi(api);
  }
  const floor = requestMs.reduce((sum, ms) => sum + ms, 0);
  process.stderr.write(
    `rse page: ${pageMs.toFixed(0)} ms; its requests alone: ${requestMs.map((ms) => ms.toFixed(0)).join(' + ')} ms\n`,
  );
  return [
    {
      scenario: `/pro/rse page of a buyer with ${LINES.toLocaleString('en-US')} lines in its year, server-rendered, signed in (${recorded.length} GraphQL request(s) behind it, rseSummary included; sequential)`,
      unit: 'ms',
      figure: pageMs,
      floor,
      target: 2 * floor,
      higherIsBetter: false,
      runs,
    },
  ];
}
