import { type ApiProcess, startApiProcess } from './support/api-process';
import { createTempDir, waitFor } from './support/test-services';

const SECRET = 'a-jwt-secret-that-must-never-appear-in-any-log-line';
const PASSWORD = 'Le comté du Haut-Jura, 24 mois';

/**
 * AUTH-14: the API as it runs (its own process, logs on stdout as shipped): sign-ins and refusals are logged with who,
 * when, the IP and the request id, and no password, token or secret ever reaches the logs.
 */
describe('security logging (AUTH-14)', () => {
  const dataDir = createTempDir('security-logging');
  let api: ApiProcess;

  const graphql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${api.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: Record<string, any>;
      errors?: { extensions: { code: string; requestId?: string } }[];
    };
  };

  beforeAll(async () => {
    api = await startApiProcess('apps/api/src/main.ts', {
      NODE_ENV: 'test',
      WEB_MODE: 'off',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir.path,
      JWT_SECRET: SECRET,
      DAILY_JOBS: 'off',
    });
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    dataDir.remove();
  });

  it('logs sign-ins, failures and refusals with the user, IP and request id, and never a password, token or secret', async () => {
    const email = `auditor.${Date.now()}@example.org`;
    const registered = await graphql(
      'mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }',
      {
        input: { email, password: PASSWORD, displayName: 'Auditrice' },
      },
    );
    const userId = registered.data!.register.user.id;
    const failed = await graphql('mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', {
      input: { email, password: `${PASSWORD}!` },
    });
    expect(failed.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const session = (
      await graphql('mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }', {
        input: { email, password: PASSWORD },
      })
    ).data!.login;
    const refused = await graphql('{ me { id } }');
    const notMember = await graphql(
      'query ($id: ID!) { supplierOrders(producerId: $id) { totalCount } }',
      { id: '00000000-0000-4000-8000-000000000001' },
      session.accessToken,
    );
    expect(notMember.errors?.[0].extensions.code).toBe('NOT_FOUND');

    const parsed = api.logLines;
    // Logs reach stdout asynchronously: wait for the last one written.
    await waitFor(
      async () => parsed().some((line) => line.event === 'authorization.refused' && line.userId === userId),
      { what: 'the log lines' },
    );
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

    for (const secret of [
      PASSWORD,
      `${PASSWORD}!`,
      SECRET,
      registered.data!.register.accessToken,
      registered.data!.register.refreshToken,
      session.accessToken,
      session.refreshToken,
    ]) {
      expect(api.output().includes(secret)).toBe(false);
    }
    expect(api.output()).not.toMatch(/"authorization":/i);
  });

  it('logs the URLs of signed links and one-time tokens without their secret values (#20 item 11)', async () => {
    const signature = 'Zm9yZ2VkLXNpZ25hdHVyZS1vZi1hbi1leHBvcnQ';
    const token = 'a-one-time-reset-token-0123456789';
    await fetch(
      `${api.base}/exports/00000000-0000-4000-8000-000000000001/download?expires=9999999999999&signature=${signature}`,
    );
    await fetch(`${api.base}/reinitialiser-mot-de-passe?token=${token}`, {
      headers: { authorization: 'Bearer sk_live_not-a-real-key' },
    });
    await waitFor(
      async () => api.logLines().some((line) => String(line.req?.url ?? '').startsWith('/reinitialiser-mot-de-passe')),
      { what: 'the request log lines' },
    );
    const urls = api.logLines().map((line) => String(line.req?.url ?? ''));
    expect(urls).toContain(
      '/exports/00000000-0000-4000-8000-000000000001/download?expires=9999999999999&signature=[redacted]',
    );
    expect(urls).toContain('/reinitialiser-mot-de-passe?token=[redacted]');
    const output = api.output();
    for (const secret of [signature, token, 'sig=', 'sk_', 'whsec_', 'Bearer '])
      expect(output.includes(secret)).toBe(false);
  });
});
