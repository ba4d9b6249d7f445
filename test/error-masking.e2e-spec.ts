import { ForbiddenException, Injectable, Module } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '@app/platform';
import { createApiApp } from '../apps/api/src/create-api-app';
import { graphql } from './support/graphql-client';
import { createTempDir, testConfig } from './support/test-services';

/** Resolvers that fail the way real code fails: a database error carrying SQL, and a Nest HTTP exception. */
@Injectable()
@Resolver()
class FailingResolver {
  @Public()
  @Query(() => String)
  failsWithSql(): string {
    throw new Error('duplicate key value violates unique constraint "app_user_email_unique": insert into "app_user" ("email") values ($1)');
  }

  @Public()
  @Query(() => String)
  failsForbidden(): string {
    throw new ForbiddenException('Admins only');
  }
}

@Module({ providers: [FailingResolver] })
class FailingModule {}

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
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
    expect(response.errors?.[0].message).toBe('Internal server error');
    expect(text).not.toMatch(/insert|unique constraint|app_user|stacktrace|\bat [A-Za-z]/i);
  });

  it('maps an HTTP 403 to FORBIDDEN with its request id', async () => {
    const response = await graphql(app, '{ failsForbidden }');
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requestId: expect.any(String) });
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace/i);
  });
});
