import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './support/private-redis';
import { createTempDir, waitFor } from './support/test-services';

const SECRET = 'a-jwt-secret-that-must-never-appear-in-any-log-line';
const PASSWORD = 'Le comté du Haut-Jura, 24 mois';

/**
 * AUTH-14: the API as it runs (its own process, logs on stdout as shipped): sign-ins and refusals are logged with who,
 * when, the IP and the request id, and no password, token or secret ever reaches the logs.
 */
describe('security logging (AUTH-14)', () => {
  const dataDir = createTempDir('security-logging');
  let child: ChildProcess;
  let output = '';
  let base = '';

  const graphql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: { extensions: { code: string; requestId?: string } }[] };
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', './scripts/register-ts.cjs', 'apps/api/src/main.ts'], {
      cwd: join(__dirname, '..'),
      env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: String(port), DATA_DIR: dataDir.path, JWT_SECRET: SECRET, DAILY_JOBS: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(async () => (await fetch(`${base}/health/ready`).catch(() => undefined))?.ok, { timeoutMs: 40_000, what: 'the API to serve' });
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await new Promise((done) => child?.once('exit', done));
    dataDir.remove();
  });

  it('logs sign-ins, failures and refusals with the user, IP and request id, and never a password, token or secret', async () => {
    const email = `auditor.${Date.now()}@example.org`;
    const registered = await graphql('mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }', {
      input: { email, password: PASSWORD, displayName: 'Auditrice' },
    });
    const userId = registered.data!.register.user.id;
    const failed = await graphql('mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email, password: `${PASSWORD}!` } });
    expect(failed.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const session = (await graphql('mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }', { input: { email, password: PASSWORD } })).data!.login;
    const refused = await graphql('{ me { id } }');
    const notMember = await graphql('query ($id: ID!) { supplierOrders(producerId: $id) { totalCount } }', { id: '00000000-0000-4000-8000-000000000001' }, session.accessToken);
    expect(notMember.errors?.[0].extensions.code).toBe('NOT_FOUND');

    const parsed = () => output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, any>);
    // Logs reach stdout asynchronously: wait for the last one written.
    await waitFor(async () => parsed().some((line) => line.event === 'authorization.refused' && line.userId === userId), { what: 'the log lines' });
    const lines = parsed();
    const event = (name: string) => lines.filter((line) => line.event === name);
    for (const line of [...event('login.failed'), ...event('login.succeeded')]) {
      expect(line).toMatchObject({ userId, ip: expect.any(String), time: expect.any(Number) });
      expect(line.req?.id).toEqual(expect.any(String));
    }
    expect(event('login.failed')).toHaveLength(1);
    expect(event('login.succeeded')).toHaveLength(1);
    expect(event('authorization.refused').some((line) => line.userId === userId && line.req?.id)).toBe(true);
    expect(event('authorization.refused').some((line) => line.operation === 'me' && line.ip)).toBe(true);
    expect(refused.errors?.[0].extensions.requestId).toEqual(expect.any(String));

    for (const secret of [PASSWORD, `${PASSWORD}!`, SECRET, registered.data!.register.accessToken, registered.data!.register.refreshToken, session.accessToken, session.refreshToken]) {
      expect(output.includes(secret)).toBe(false);
    }
    expect(output).not.toMatch(/"authorization":/i);
  });
});
