import { randomBytes } from 'node:crypto';
import { createApiApp } from '../apps/api/src/create-api-app';
import { FAILING_SQL_CONSTRAINT, FailingModule } from './fixtures/failing-api';
import { type FakeSmtpServer, startFakeSmtp } from './support/fake-smtp';
import { graphql } from './support/graphql-client';
import { type ApiProcess, startApiProcess } from './support/api-process';
import { createTempDir, testConfig, waitFor } from './support/test-services';

/** GQL-11: what a failure shows a client, in every profile: a code, a generic message, a request id, nothing more. */
describe.each([
  ['development', {}],
  ['production', { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://127.0.0.1:2525' }],
])('error masking (%s profile)', (_profile, env) => {
  const dataDir = createTempDir('error-masking');
  let app: Awaited<ReturnType<typeof createApiApp>>;

  beforeAll(async () => {
    app = await createApiApp(testConfig({ DATA_DIR: dataDir.path, ...env }), { imports: [FailingModule] });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    dataDir.remove();
  });

  it('masks an unexpected error: no SQL, no constraint name, no stack trace, but a request id', async () => {
    const response = await graphql(app, '{ failsWithSql }');
    const text = JSON.stringify(response.errors);
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      requestId: expect.any(String),
    });
    expect(response.errors?.[0].message).toBe('Internal server error');
    expect(text).not.toMatch(/insert|unique constraint|app_user|stacktrace|\bat [A-Za-z]/i);
  });

  it('maps an HTTP 403 to FORBIDDEN with its request id', async () => {
    const response = await graphql(app, '{ failsForbidden }');
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requestId: expect.any(String) });
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace/i);
  });
});

/**
 * GQL-11, the server's side: the client got a generic message and a request id; the API's own log (its process,
 * stdout as shipped, production profile) carries that request id with the full error — message, SQL, stack.
 */
describe('error masking keeps the full error in the server log (production profile)', () => {
  const dataDir = createTempDir('error-masking-log');
  let smtp: FakeSmtpServer;
  let api: ApiProcess;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    api = await startApiProcess('test/fixtures/failing-api.ts', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir.path,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      SMTP_URL: smtp.url,
      DAILY_JOBS: 'off',
    });
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await smtp?.close();
    dataDir.remove();
  });

  it('logs the masked error in full under the request id the client received', async () => {
    const response = await fetch(`${api.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ failsWithSql }' }),
    });
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string; requestId: string } }[];
    };
    expect(body.errors[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const { requestId } = body.errors[0].extensions;
    expect(requestId).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toContain(FAILING_SQL_CONSTRAINT);

    const lines = api.logLines;
    // Logs reach stdout asynchronously: wait for the error's line.
    const logged = await waitFor(async () => lines().find((line) => line.requestId === requestId && line.err), {
      what: 'the error log line',
    });
    expect(logged.level).toBeGreaterThanOrEqual(50);
    expect(logged.err.message).toContain(`unique constraint "${FAILING_SQL_CONSTRAINT}"`);
    expect(logged.err.message).toContain('insert into "app_user"');
    expect(logged.err.stack).toMatch(/failsWithSql/);
    // Only that request's error carries its id.
    expect(lines().filter((line) => line.err && line.requestId === requestId)).toHaveLength(1);
  });
});
