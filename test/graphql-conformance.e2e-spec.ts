import { serverAudits } from 'graphql-http';
import { type RunningApp, startApp } from './support/app-modes';

/**
 * GQL-01/02: the GraphQL-over-HTTP conformance audits of `graphql-http` against the running API. No MUST audit
 * fails ("error"); SHOULD and MAY ones (warn, notice) are choices (CSRF prevention refuses GET without a preflight
 * header; Apollo answers 400 to invalid documents).
 */
/** The two MUST audits that query `__type`: introspection is off in production (GQL-10), so they cannot pass there. */
const INTROSPECTION_AUDITS = [
  'MUST accept utf-8 encoded request',
  'MUST allow map {variables} parameter when accepting application/json',
];

describe.each([
  ['development profile', {}, []],
  [
    'production profile',
    { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://127.0.0.1:2525' },
    INTROSPECTION_AUDITS,
  ],
])('GraphQL over HTTP conformance (%s)', (_profile, env, expectedFailures) => {
  let running: RunningApp;
  let url: string;

  beforeAll(async () => {
    running = await startApp('embedded', 'conformance', env);
    await running.app.listen(0, '127.0.0.1');
    url = `${(await running.app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  });

  afterAll(() => running?.close());

  it('passes every MUST audit (in production, all but the two that need introspection)', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url })) {
      const result = await audit.fn();
      if (result.status === 'error') failures.push(audit.name);
    }
    expect(failures.sort()).toEqual([...expectedFailures].sort());
  });
});
