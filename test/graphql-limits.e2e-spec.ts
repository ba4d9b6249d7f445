import { GraphQLSchemaHost } from '@nestjs/graphql';
import request from 'supertest';
import { type RunningApp, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';
import { ResolverCallCounterModule, resolversRunBy } from './support/resolver-calls';

/** A document whose selections nest `depth` levels deep, following brand → labelled products → labels → brand… */
function nested(depth: number, first = 1): string {
  const cycle = ['brands', `labelledProducts(first: ${first})`, 'edges', 'node', 'labels', 'brand'];
  const fields = Array.from({ length: depth - 1 }, (_, index) =>
    index === 0 ? 'brands' : cycle[((index - 1) % 5) + 1],
  );
  return `{ ${fields.map((field) => `${field} {`).join(' ')} __typename ${'}'.repeat(fields.length)} }`;
}

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://127.0.0.1:2525' };

describe('GraphQL abuse limits (RELIABILITY.md GQL-03…08)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp('embedded', 'graphql-limits', {}, { imports: [ResolverCallCounterModule] });
  });

  /** Sends a document, and the resolvers it ran: a refused document must run none (GQL-03…07: "0 resolver calls"). */
  const send = (query: string) => resolversRunBy(() => graphql(running.app, query));

  afterAll(() => running?.close());

  it('GQL-03: answers documents up to depth 8 and refuses deeper ones before running anything', async () => {
    for (let depth = 2; depth <= 20; depth++) {
      const { result: response, calls } = await send(nested(depth));
      if (depth <= 8)
        expect({ depth, errors: response.errors, ranBrands: calls.includes('Query.brands') }).toEqual({
          depth,
          errors: undefined,
          ranBrands: true,
        });
      else
        expect({ depth, status: response.status, code: response.errors?.[0].extensions.code, calls }).toEqual({
          depth,
          status: 400,
          code: 'BAD_USER_INPUT',
          calls: [],
        });
    }
  });

  it('GQL-04: refuses a document whose lists multiply beyond the cost limit, quickly', async () => {
    const started = Date.now();
    const { result: response, calls } = await send(nested(8, 100).replace('brands {', 'brands { a: __typename'));
    expect(response.status).toBe(400);
    expect(response.errors?.[0].message).toMatch(/cost/i);
    expect(calls).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('GQL-03/04: a selection through a fragment weighs about what it weighs inline (a few points a spread, no extra level)', async () => {
    const fields = 'name labels { brand { name slug } }';
    const inline = (first: number) =>
      `{ brands { labelledProducts(first: ${first}) { edges { node { ${fields} } } } } }`;
    const spread = (first: number) =>
      `{ brands { labelledProducts(first: ${first}) { edges { node { ...Card } } } } } fragment Card on Product { ${fields} }`;
    /** The smallest page size, by steps of 5, at which the document is refused. */
    const refusedFrom = async (document: (first: number) => string) => {
      for (let first = 5; first <= 100; first += 5)
        if ((await graphql(running.app, document(first))).status === 400) return first;
      return Infinity;
    };
    const inlineLimit = await refusedFrom(inline);
    const fragmentLimit = await refusedFrom(spread);
    // The range crosses the cost limit, and the fragment's few points move it by two steps at most.
    expect(inlineLimit).toBeLessThanOrEqual(100);
    expect(fragmentLimit).toBeLessThanOrEqual(inlineLimit);
    expect(fragmentLimit).toBeGreaterThanOrEqual(inlineLimit - 10);
  });

  it('GQL-05: takes 10 aliases, refuses 11', async () => {
    const aliases = (count: number) =>
      `{ ${Array.from({ length: count }, (_, index) => `b${index}: brands { id }`).join(' ')} }`;
    const taken = await send(aliases(10));
    expect(taken.result.errors).toBeUndefined();
    expect(taken.calls.filter((call) => call === 'Query.brands')).toHaveLength(10);
    const { result: refused, calls } = await send(aliases(11));
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].message).toMatch(/alias/i);
    expect(calls).toEqual([]);
  });

  it('GQL-06: refuses a batch of operations', async () => {
    const { result: response, calls } = await resolversRunBy(async () =>
      request(running.app.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .send(Array.from({ length: 10 }, () => ({ query: '{ brands { id } }' }))),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/batch/i);
    expect(calls).toEqual([]);
  });

  it('GQL-07: refuses a document of 3,000 tokens', async () => {
    const { result: response, calls } = await send(
      `{ ${Array.from({ length: 1000 }, (_, index) => `a${index}: __typename`).join(' ')} brands { id name slug } }`,
    );
    expect(response.errors?.[0].message).toMatch(/token/i);
    expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(calls).toEqual([]);
  });

  it('GQL-08: every list is bounded: first 101 and -1 are refused, the default is 20', async () => {
    const schema = running.app.get(GraphQLSchemaHost).schema;
    for (const query of ['products', 'communes'] as const) {
      const args = query === 'communes' ? 'search: "sai", ' : '';
      const selection = query === 'communes' ? '{ inseeCode }' : '{ totalCount }';
      for (const first of [101, -1, 0]) {
        const response = await graphql(running.app, `{ ${query}(${args}first: ${first}) ${selection} }`);
        expect({ query, first, code: response.errors?.[0].extensions.code }).toEqual({
          query,
          first,
          code: 'BAD_USER_INPUT',
        });
      }
      const queryFields = schema.getQueryType()!.getFields();
      const firstArgument = queryFields[query].args.find((arg) => arg.name === 'first');
      expect(firstArgument?.defaultValue).toBe(20);
    }
    // Every `first` of the schema has a default of at most 20 (20 for the connections; the contract fixes smaller
    // ones for short lists, such as nextDeliveryDates' 6), so none is unbounded when left out.
    const lists = Object.values(schema.getTypeMap()).flatMap((type) =>
      'getFields' in type && !type.name.startsWith('__')
        ? Object.values(
            (
              type as {
                getFields(): Record<string, { name: string; args?: { name: string; defaultValue: unknown }[] }>;
              }
            ).getFields(),
          ).flatMap((field) =>
            (field.args ?? [])
              .filter((arg) => arg.name === 'first')
              .map((arg) => [`${type.name}.${field.name}`, arg.defaultValue]),
          )
        : [],
    );
    expect(lists.length).toBeGreaterThanOrEqual(5);
    expect(
      lists.filter(([, value]) => !(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 20)),
    ).toEqual([]);
  });
});

describe('the production profile (GQL-10, GQL-12, GQL-13)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp('embedded', 'graphql-production', PRODUCTION);
  });

  afterAll(() => running?.close());

  it('GQL-10: no introspection, no sandbox page', async () => {
    const introspection = await graphql(running.app, '{ __schema { types { name } } }');
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
    const page = await request(running.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect(page.text ?? '').not.toMatch(/<html/i);
  });

  it('GQL-12: a typo gets no "Did you mean" suggestion', async () => {
    const response = await graphql(running.app, '{ brands { nam } }');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.errors)).not.toMatch(/did you mean/i);
  });

  it('GQL-13: CSRF — simple requests and mutations over GET are refused; JSON POST passes', async () => {
    const server = running.app.getHttpServer();
    expect((await request(server).get('/graphql').query({ query: '{ brands { id } }' })).status).toBe(400);
    expect(
      (await request(server).post('/graphql').set('content-type', 'text/plain').send('{"query":"{ brands { id } }"}'))
        .status,
    ).toBe(400);
    expect((await request(server).post('/graphql').type('form').send({ query: '{ brands { id } }' })).status).toBe(400);
    expect((await request(server).post('/graphql').field('operations', '{"query":"{ brands { id } }"}')).status).toBe(
      400,
    );
    const mutationOverGet = await request(server)
      .get('/graphql')
      .set('apollo-require-preflight', 'true')
      .query({ query: 'mutation { logout(refreshToken: "x") }' });
    expect(mutationOverGet.status).toBe(405);
    expect(
      (
        await request(server)
          .post('/graphql')
          .set('content-type', 'application/json')
          .send({ query: '{ brands { id } }' })
      ).status,
    ).toBe(200);
  });
});
