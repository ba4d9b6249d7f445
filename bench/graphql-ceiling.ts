import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { HeaderMap } from '@apollo/server';
import type { ApolloDriver } from '@nestjs/apollo';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import type { Application } from 'express';
import { parse } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * The GraphQL ceiling (bench/RESULTS.md, issue #24): the API's own schema, resolvers, services and database pool —
 * built by `createApiApp` from `dist/`, as the production API — executed by graphql-jit behind a bare `node:http`
 * handler: no express router or middleware, no Nest HTTP layer, no Apollo pipeline (parsing, validation, limits,
 * plugins, error formatting). Nothing a real server may drop is dropped here on purpose: it measures how much of a
 * catalog read's cost is GraphQL executing our resolvers, against what the HTTP stack around it costs — the most any
 * other GraphQL server (Mercurius on Fastify, say) could give us. Not a product path: no limits, no errors handled.
 *
 * Started by `bench/http-cpu.ts` with BENCH_CPU_CEILING=1, in a process of its own with the production API's
 * environment; prints `CEILING <url>` once it listens.
 */

const DIST = resolve(__dirname, '../dist/apps/api');

async function main(): Promise<void> {
  // The compiled API, as `npm run start:prod` runs it (not the sources through SWC).
  const { loadConfigOrExit } = (await import(`${DIST}/libs/platform/src/index.js`)) as typeof import('@app/platform');
  const { createApiApp } = (await import(`${DIST}/apps/api/src/create-api-app.js`)) as {
    createApiApp: (config: unknown) => Promise<INestApplication>;
  };
  const app = await createApiApp(loadConfigOrExit());
  await app.init();
  const { schema } = app.get(GraphQLSchemaHost);
  // The resolvers read express's request (`req.ip`, `req.get`): its prototypes, as express's own first middleware sets.
  const express = app.getHttpAdapter().getInstance() as Application & { request: object; response: object };
  const asExpress = (req: IncomingMessage, res: ServerResponse) => {
    Object.setPrototypeOf(req, express.request);
    Object.setPrototypeOf(res, express.response);
    Object.assign(req, { res });
    Object.assign(res, { req, locals: {} });
  };
  const compiled = new Map<string, CompiledQuery>();
  const apollo = (app.get(GraphQLModule) as GraphQLModule<ApolloDriver>).graphQlAdapter.instance;
  const throughApollo = process.env.BENCH_CEILING_MODE === 'apollo';

  const answer = async (req: IncomingMessage, res: ServerResponse, text: string) => {
    const body = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
    if (throughApollo) {
      asExpress(req, res);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers))
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      const answered = await apollo.executeHTTPGraphQLRequest({
        // Apollo's ESM and CommonJS typings of the same HeaderMap.
        httpGraphQLRequest: { method: 'POST', headers: headers as never, search: '', body },
        context: async () => ({ req, res }),
      });
      for (const [key, value] of answered.headers) res.setHeader(key, value);
      res.statusCode = answered.status ?? 200;
      if (answered.body.kind !== 'complete') throw new Error('not a complete answer');
      res.end(answered.body.string);
      return;
    }
    let query = compiled.get(body.query);
    if (!query) {
      const made = compileQuery(schema, parse(body.query));
      if (!isCompiledQuery(made)) throw new Error(`not compilable: ${JSON.stringify(made)}`);
      compiled.set(body.query, (query = made));
    }
    asExpress(req, res);
    const result = await query.query(undefined, { req, res }, body.variables);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      answer(req, res, Buffer.concat(chunks).toString()).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') process.stdout.write(`CEILING http://127.0.0.1:${address.port}\n`);
  });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
