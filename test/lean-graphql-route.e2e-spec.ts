import { jest } from '@jest/globals';
import type { Server } from 'node:http';
import request from 'supertest';
import { GraphqlDocuments } from '@app/platform';
import { type RunningApp, rowCounts, startApp } from './support/app-modes';
import { createProduct, PLACES, producerAt } from './support/catalog-fixtures';
import { GOOD_PASSWORD, registerUser, type TestSession } from './support/identity-client';

/** What a client reads of an answer; the request id differs between two requests and is compared apart. */
interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/** Headers that differ between any two answers (the second of two sign-ins has one attempt fewer left). */
const perAnswer = (header: string) =>
  header === 'date' || header === 'x-request-id' || header.startsWith('x-ratelimit-remaining');

function withoutRequestIds(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body), (key, value: unknown) => (key === 'requestId' ? '<id>' : value));
}

/**
 * The lean GraphQL route (lean-graphql-route.ts) answers `POST /graphql` in front of express and Apollo for the
 * requests it admits. The same requests sent to express alone (the Apollo route the lean one stands in front of) must
 * get the same answer: status, headers, body — success, a resolver's error, refused variables — and every request
 * the lean route does not admit must reach Apollo with its bytes untouched.
 */
describe('The lean GraphQL route answers as Apollo does', () => {
  let running: RunningApp;
  let farmer: TestSession;
  let producerId: string;
  let productId: string;
  const admitted = jest.spyOn(GraphqlDocuments.prototype, 'admitted');

  beforeAll(async () => {
    running = await startApp('embedded', 'lean-graphql-route');
    farmer = await registerUser(running.app, 'lean-farmer');
    producerId = await producerAt(running.app, farmer, 'Ferme du Lean', PLACES.gueret);
    const comte = { producerId, name: 'Comté 18 mois', category: 'DAIRY_CHEESE', priceCents: 2450 };
    productId = (await createProduct(running.app, farmer, comte)).id;
  });

  afterAll(() => running?.close());

  /** Sends the same raw request to the lean route (the server) and to express alone (Apollo's route). */
  async function both(
    body: string,
    headers: Record<string, string> = {},
  ): Promise<{ lean: Answer; apollo: Answer; leanServed: boolean }> {
    const send = async (target: Server | Parameters<typeof request>[0]): Promise<Answer> => {
      const response = await request(target)
        .post('/graphql')
        .set({ 'content-type': 'application/json', ...headers })
        .send(body);
      const answered = response.headers as Record<string, string | undefined>;
      return {
        status: response.status,
        headers: Object.fromEntries(Object.entries(answered).filter(([name]) => !perAnswer(name))),
        body: withoutRequestIds(response.body ?? response.text),
      };
    };
    admitted.mockClear();
    const lean = await send(running.app.getHttpServer() as Server);
    const leanServed = admitted.mock.results.some((result) => result.value !== undefined);
    const apollo = await send(running.app.getHttpAdapter().getInstance());
    return { lean, apollo, leanServed };
  }

  const json = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
    JSON.stringify({ query, variables, operationName });

  it('serves a catalog read itself, with the same data, headers and status', async () => {
    const { lean, apollo, leanServed } = await both(
      json('query Product($id: ID!) { product(id: $id) { id name priceCents producer { name } } }', { id: productId }),
    );
    expect(leanServed).toBe(true);
    expect(lean).toEqual(apollo);
    expect(lean).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: { data: { product: { id: productId, name: 'Comté 18 mois', producer: { name: 'Ferme du Lean' } } } },
    });
  });

  it('runs the guards: an anonymous caller is refused as by Apollo, a signed-in one served', async () => {
    const me = json('{ me { id email } }');
    const anonymous = await both(me);
    expect(anonymous.leanServed).toBe(true);
    expect(anonymous.lean).toEqual(anonymous.apollo);
    expect(anonymous.lean.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });

    const signedIn = await both(me, { authorization: `Bearer ${farmer.accessToken}` });
    expect(signedIn.leanServed).toBe(true);
    expect(signedIn.lean).toEqual(signedIn.apollo);
    expect(signedIn.lean.body).toEqual({ data: { me: { id: farmer.user.id, email: farmer.user.email } } });
  });

  it('answers a resolver error and a refused mutation alike, with the request id on each error, changing nothing', async () => {
    const counts = await rowCounts(running.em, ['product']);
    const missing = await both(json('query ($id: ID!) { product(id: $id) { id } }', { id: '999999999' }));
    expect(missing.leanServed).toBe(true);
    expect(missing.lean).toEqual(missing.apollo);

    const refused = await both(
      json('mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }', {
        input: {
          producerId,
          name: 'Négatif',
          category: 'DAIRY_CHEESE',
          description: '',
          unit: 'KG',
          vatRate: 0.055,
          stock: 1,
          priceCents: -5,
        },
      }),
      { authorization: `Bearer ${farmer.accessToken}` },
    );
    expect(refused.leanServed).toBe(true);
    expect(refused.lean).toEqual(refused.apollo);
    expect(refused.lean.body).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', requestId: '<id>' } }],
    });
    expect(await rowCounts(running.em, ['product'])).toEqual(counts);
  });

  it('echoes a proxy’s request id and puts it on the errors', async () => {
    const id = 'lean-route-test-0001';
    const response = await request(running.app.getHttpServer())
      .post('/graphql')
      .set({ 'content-type': 'application/json', 'x-request-id': id })
      .send(json('{ me { id } }'));
    expect(response.headers['x-request-id']).toBe(id);
    expect(response.body.errors[0].extensions.requestId).toBe(id);
  });

  it('answers refused variables as Apollo does: 400, BAD_USER_INPUT, the same message', async () => {
    const products =
      'query ($first: Int!, $sort: ProductSort! = RELEVANCE) { products(first: $first, sort: $sort) { totalCount } }';
    for (const variables of [{ first: 'twenty' }, {}, { first: 5, sort: 'PRICE_AS' }, { first: 5, sort: 'NEWEST' }]) {
      const { lean, apollo } = await both(json(products, variables));
      expect({ variables, answer: lean }).toEqual({ variables, answer: apollo });
    }
    const { lean, leanServed } = await both(json(products, { first: 'twenty' }));
    expect(leanServed).toBe(true);
    expect(lean).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });
  });

  it('leaves to Apollo, bytes untouched, every request it does not admit', async () => {
    const deep = `{ ${'brands { labels { brand { '.repeat(4)} name ${'} } } '.repeat(4)} }`;
    const cases: [string, string, Record<string, string>?][] = [
      ['a field that does not exist', json('{ produts { totalCount } }')],
      ['a syntax error', json('{ products(first: 1) { totalCount }')],
      ['a document deeper than the limit', json(deep)],
      ['an unknown operation name', json('query A { apiVersion }', undefined, 'B')],
      ['two operations, none named', json('query A { apiVersion } query B { apiVersion }')],
      ['a body that is not JSON', '{"query": "{ apiVersion }"'],
      ['a JSON string', '"{ apiVersion }"'],
      ['a batch', JSON.stringify([{ query: '{ apiVersion }' }])],
      ['no query', JSON.stringify({ variables: {} })],
      [
        'persisted-query extensions',
        JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } } }),
      ],
      ['a simple content type (CSRF prevention)', json('{ apiVersion }'), { 'content-type': 'text/plain' }],
      ['a media type Apollo does not answer', json('{ apiVersion }'), { accept: 'text/html' }],
      ['subscription callbacks', json('{ apiVersion }'), { accept: 'application/json; callbackSpec=1.0' }],
    ];
    for (const [what, body, headers] of cases) {
      const { lean, apollo, leanServed } = await both(body, headers);
      expect({ what, leanServed, lean }).toEqual({ what, leanServed: false, lean: apollo });
    }
  });

  it('answers in the media type Apollo negotiates: the pages’ client (urql) asks for GraphQL’s response type', async () => {
    const urqlAccept =
      'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';
    for (const [accept, type] of [
      [urqlAccept, 'application/graphql-response+json; charset=utf-8'],
      ['application/json, text/plain, */*', 'application/json; charset=utf-8'],
      ['*/*', 'application/json; charset=utf-8'],
      ['application/graphql-response+json;q=0.5, application/json', 'application/json; charset=utf-8'],
    ]) {
      const { lean, apollo, leanServed } = await both(json('{ apiVersion }'), { accept });
      expect({ accept, leanServed, lean }).toEqual({ accept, leanServed: true, lean: apollo });
      expect(lean.headers['content-type']).toBe(type);
    }
    // Errors too: a resolver's, and variables refused before any resolver ran.
    for (const body of [json('{ me { id } }'), json('query ($id: ID!) { product(id: $id) { id } }', {})]) {
      const { lean, apollo, leanServed } = await both(body, { accept: urqlAccept });
      expect({ body, leanServed, lean }).toEqual({ body, leanServed: true, lean: apollo });
    }
  });

  it('serves a named operation of a document with several, and a GET goes to Apollo', async () => {
    const named = await both(json('query A { apiVersion } query B { me { id } }', undefined, 'A'));
    expect(named.leanServed).toBe(true);
    expect(named.lean).toEqual(named.apollo);

    const get = await request(running.app.getHttpServer())
      .get('/graphql?query=%7B%20apiVersion%20%7D')
      .set('apollo-require-preflight', 'true');
    expect(get.status).toBe(200);
    expect(get.body.data.apiVersion).toEqual(expect.any(String));
  });

  it('signs in through the lean route (the password is checked by the resolver, not the route)', async () => {
    const signIn = 'mutation ($input: LoginInput!) { login(input: $input) { user { id } } }';
    const wrong = await both(json(signIn, { input: { email: farmer.user.email, password: 'not the password' } }));
    expect(wrong.leanServed).toBe(true);
    expect(wrong.lean).toEqual(wrong.apollo);
    const right = await request(running.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(json(signIn, { input: { email: farmer.user.email, password: GOOD_PASSWORD } }));
    expect(right.body).toEqual({ data: { login: { user: { id: farmer.user.id } } } });
  });
});
