import { Client } from 'pg';
import { verifyPassword } from '@app/identity';
import { median, type BenchFigure } from './bench-figures';
import { bareServer, graphqlOk, loadRotating, rotatingRequests } from './http.bench';
import { BENCH_LOGIN_ACCOUNTS, BENCH_PASSWORD, loginEmail } from './order-dataset';

const LOGIN =
  'mutation Login($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id email displayName } } }';

/** The second floor: the product's own Argon2id verify (`@node-rs/argon2`, m=19456 t=2 p=1), 50 at a time, in-process. */
async function bareVerifyRate(passwordHash: string, seconds: number): Promise<number> {
  let verified = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (Date.now() < deadline) {
        if (!(await verifyPassword(passwordHash, BENCH_PASSWORD)))
          throw new Error('the bench password does not verify');
        verified++;
      }
    }),
  );
  return verified / ((Date.now() - started) / 1000);
}

/**
 * `login` under load: 1,000 accounts in rotation (at 50 connections an account is never signed in twice at once, so
 * the per-account brake, which counts attempts before the check and clears on success, never trips), from one IP:
 * the API under test runs with RATE_LIMIT_AUTH_PER_MINUTE raised (bench/run.ts). Argon2id at OWASP's minimum costs
 * tens of milliseconds of CPU per verify by design: tens of sign-ins per second on 2 cores is the expected order.
 * Floors: a bare handler answering one such JSON, and the bare verify rate in-process. No §6 target.
 */
export async function loginBenchmark(
  apiUrl: string,
  databaseUrl: string,
  runs = 3,
  seconds = 10,
): Promise<BenchFigure[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const [{ password_hash: passwordHash }] = (
    await client.query('select password_hash from app_user where email = $1', [loginEmail(1)])
  ).rows;
  await client.end();
  const bodyOf = (n: number) =>
    JSON.stringify({
      query: LOGIN,
      variables: { input: { email: loginEmail(1 + (n % BENCH_LOGIN_ACCOUNTS)), password: BENCH_PASSWORD } },
    });
  const answer = await (
    await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodyOf(0),
    })
  ).text();
  if (!graphqlOk(answer)) throw new Error(`unexpected answer: ${answer.slice(0, 300)}`);
  const bare = await bareServer(answer);
  const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}`;
  const api: { rps: number; p99: number }[] = [];
  const floor: { rps: number; p99: number }[] = [];
  const verifyFloor: number[] = [];
  try {
    await loadRotating(apiUrl, rotatingRequests(bodyOf), 3); // warm-up
    for (let run = 0; run < runs; run++) {
      const measured = await loadRotating(apiUrl, rotatingRequests(bodyOf), seconds);
      const failed = measured.non2xx + measured.errors + measured.timeouts + measured.mismatches;
      if (failed)
        throw new Error(
          `login: ${measured.non2xx} non-2xx, ${measured.errors} errors, ${measured.timeouts} timeouts, ${measured.mismatches} answers with GraphQL errors`,
        );
      api.push({
        rps: measured.requests.total / ((measured.finish.getTime() - measured.start.getTime()) / 1000),
        p99: measured.latency.p99,
      });
      const bareMeasured = await loadRotating(bareUrl, rotatingRequests(bodyOf), seconds);
      floor.push({ rps: bareMeasured.requests.average, p99: bareMeasured.latency.p99 });
      verifyFloor.push(await bareVerifyRate(passwordHash, seconds));
      process.stderr.write(
        `login run ${run + 1}: ${api.at(-1)!.rps.toFixed(1)} sign-ins/s (${measured.requests.total}, all with data), p99 ${measured.latency.p99} ms; bare handler ${floor.at(-1)!.rps} req/s; bare verify ${verifyFloor.at(-1)!.toFixed(1)}/s\n`,
      );
    }
  } finally {
    bare.close();
  }
  const figure = median(api.map((m) => m.rps));
  return [
    {
      scenario: 'login (Argon2id m=19456 t=2 p=1), 1,000 accounts, 50 connections, next to a bare handler',
      unit: 'req/s',
      figure,
      floor: median(floor.map((m) => m.rps)),
      target: Number.NaN,
      higherIsBetter: true,
      runs,
    },
    {
      scenario: 'login, the same, next to the bare Argon2id verify in-process (50 at a time)',
      unit: 'req/s',
      figure,
      floor: median(verifyFloor),
      target: Number.NaN,
      higherIsBetter: true,
      runs,
    },
    {
      scenario: 'login, p99 latency (50 connections)',
      unit: 'ms',
      figure: median(api.map((m) => m.p99)),
      floor: median(floor.map((m) => m.p99)),
      target: Number.NaN,
      higherIsBetter: false,
      runs,
    },
  ];
}
