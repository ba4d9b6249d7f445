import { IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { Application } from 'express';
import { execute, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, Kind } from 'graphql';
import Negotiator from 'negotiator';
import { PinoLogger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '../config/app-config';
import { ErrorCode } from '../errors/error-code';
import { requestLogOptions } from '../logging/logging.module';
import { asGraphqlJsError } from './compiled-executor';
import { logGraphqlErrors, withRequestId } from './error-reporting.plugin';
import { graphqlArmor } from './graphql-armor';
import { type AdmittedOperation, GraphqlDocuments } from './graphql-documents';
import { formatGraphqlError, INTERNAL_ERROR_MESSAGE } from './graphql-error-format';
import { type GraphqlContext, requestIdOf } from './request-context';

/** Where GraphQL is served: Apollo's path (graphql-api.module.ts) and the lean route's. */
export const GRAPHQL_PATH = '/graphql';

/** The largest body read here: body-parser's default, which Nest's JSON parser keeps (a larger one goes to express). */
const BODY_LIMIT = 100 * 1024;

/** Apollo's answer to a field suggestion (GraphQL Armor's blockFieldSuggestion): the schema is not spelled out. */
const FIELD_SUGGESTION = /Did you mean ".+"/g;
const SUGGESTION_MASK = '[Suggestion hidden]';

interface GraphqlBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The lean GraphQL route (bench/RESULTS.md, issue #24): `POST /graphql` answered straight from Node's HTTP server —
 * without express's router and middleware, Nest's HTTP layer and Apollo's request pipeline, which together cost about
 * a third of a catalog read's CPU — for every request Apollo would answer the same way:
 * - a JSON body of at most 100 kB with a `query` text, its `variables` and `operationName`, and nothing else;
 * - a document that passes every rule Apollo applies (graphql-documents.ts), parsed, validated and compiled by
 *   graphql-jit once per text;
 * - an `accept` header for which Apollo would answer JSON or GraphQL's response type.
 * Everything else — a GET, another content type, a larger or compressed body, a batch, persisted queries, another
 * media type, a document with a mistake, an unknown operation — goes to express and Apollo unchanged, with the same
 * bytes: their answers to a client's mistake stay the one source of those errors.
 *
 * What every answer carries is kept: the security headers, the request id and its log line (pino-http, the same
 * options), the request's logger for the resolvers' logs, `Cache-Control: no-store`, the resolvers' context
 * (`{ req, res }`, req as express's request), the errors formatted by `formatGraphqlError` after Apollo's own
 * normalisation, logged and stamped with the request id as the error-reporting plugin does. The resolvers run as
 * under Apollo: Nest's guards (authentication, rate limits) and filters are in them.
 */
export function installLeanGraphqlRoute(
  app: INestApplication,
  config: Pick<AppConfig, 'env' | 'logLevel'>,
  commonHeaders: readonly [string, string][],
): void {
  const server = app.getHttpServer() as Server;
  const express = app.getHttpAdapter().getInstance() as Application & Listener & { request: object; response: object };
  const toExpress = (req: IncomingMessage, res: ServerResponse) => express(req, res);
  let route: Promise<LeanRoute> | undefined;
  const lean: Listener = (req, res) => {
    const type = leanAnswerType(req);
    if (!type) return toExpress(req, res);
    route ??= LeanRoute.start(app, config, commonHeaders, express);
    readBody(req, (body) => {
      route!.then(
        (ready) =>
          ready.answer(req as GraphqlContext['req'], res, { body, type }, () => toExpress(replayed(req, body), res)),
        (error: unknown) => {
          PinoLogger.root.error({ err: error }, 'The lean GraphQL route could not start');
          toExpress(replayed(req, body), res);
        },
      );
    });
  };
  if (!server.listeners('request').includes(express))
    throw new Error('The lean GraphQL route stands in front of express: the HTTP server must be express’s own');
  server.removeListener('request', express);
  server.on('request', lean);
}

/**
 * The media type of the answer to a request the lean route may answer, judged on its line and headers before any
 * byte of its body is read; undefined for the others.
 */
function leanAnswerType(req: IncomingMessage): string | undefined {
  if (req.method !== 'POST' || req.url !== GRAPHQL_PATH) return undefined;
  const { headers } = req;
  const length = Number(headers['content-length']);
  if (!(length > 0 && length <= BODY_LIMIT) || headers['transfer-encoding'] !== undefined) return undefined;
  if (headers['content-encoding'] !== undefined && headers['content-encoding'] !== 'identity') return undefined;
  const type = headers['content-type']?.toLowerCase().replace(/\s/g, '');
  if (type !== 'application/json' && type !== 'application/json;charset=utf-8') return undefined;
  return answerType(headers.accept);
}

/** Apollo's media types for one result (MEDIA_TYPES in ApolloServer.ts), in the order it offers them. */
const JSON_ANSWER = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_ANSWER = 'application/graphql-response+json; charset=utf-8';
const OFFERED_TYPES = [JSON_ANSWER, GRAPHQL_RESPONSE_ANSWER, 'application/json; callbackSpec=1.0'];
/** The choice for each `accept` header seen (clients send a handful; beyond a hundred, each is negotiated again). */
const answerTypes = new Map<string, string | undefined>();

/**
 * The media type Apollo would answer for this `accept` header (chooseContentTypeForSingleResultResponse, with the
 * same negotiator): JSON or GraphQL's response type, which the lean route writes; undefined for Apollo to answer
 * (another type, or none acceptable).
 */
function answerType(accept: string | undefined): string | undefined {
  if (accept === undefined) return JSON_ANSWER;
  if (answerTypes.has(accept)) return answerTypes.get(accept);
  const preferred = new Negotiator({ headers: { accept } }).mediaType(OFFERED_TYPES);
  const type = preferred === JSON_ANSWER || preferred === GRAPHQL_RESPONSE_ANSWER ? preferred : undefined;
  if (answerTypes.size < 100) answerTypes.set(accept, type);
  return type;
}

function readBody(req: IncomingMessage, then: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.once('end', () => then(Buffer.concat(chunks)));
  req.once('error', () => req.socket.destroy());
}

/**
 * The same request with the same bytes, for express to read as if no one had: its body was read here. Node's HTTP
 * parser is done with it (`complete`), so ending it releases nothing of the connection.
 */
function replayed(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  Object.assign(copy, {
    method: req.method,
    url: req.url,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    complete: true,
  });
  copy.push(body);
  copy.push(null);
  return copy;
}

/** The body as the lean route takes it, or undefined for Apollo to judge it. */
function graphqlBody(body: Buffer): GraphqlBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  for (const key of Object.keys(parsed)) if (key !== 'query' && key !== 'variables' && key !== 'operationName') return;
  const { query, variables, operationName } = parsed as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  return parsed as GraphqlBody;
}

class LeanRoute {
  private constructor(
    private readonly schema: GraphQLSchema,
    private readonly documents: GraphqlDocuments,
    private readonly commonHeaders: readonly [string, string][],
    private readonly express: { request: object; response: object },
    private readonly requestLog: (req: IncomingMessage, res: ServerResponse) => void,
    private readonly logger: PinoLogger,
  ) {}

  static async start(
    app: INestApplication,
    config: Pick<AppConfig, 'env' | 'logLevel'>,
    commonHeaders: readonly [string, string][],
    express: { request: object; response: object },
  ): Promise<LeanRoute> {
    const { schema } = app.get(GraphQLSchemaHost);
    const documents = new GraphqlDocuments(schema, graphqlArmor().validationRules, {
      introspection: config.env !== 'production',
    });
    // The request log of every other route (nestjs-pino's), through the application's one root logger.
    const requestLog = pinoHttp({ ...requestLogOptions(config), logger: PinoLogger.root });
    return new LeanRoute(schema, documents, commonHeaders, express, requestLog, await app.resolve(PinoLogger));
  }

  answer(
    req: GraphqlContext['req'],
    res: ServerResponse,
    request: { body: Buffer; type: string },
    toApollo: () => void,
  ): void {
    const body = graphqlBody(request.body);
    const operation = body && this.documents.admitted(body.query, body.operationName ?? undefined);
    if (!body || !operation) return toApollo();
    // As express's first middleware makes them: the resolvers read `req.ip` and `req.get()`.
    Object.setPrototypeOf(req, this.express.request);
    Object.setPrototypeOf(res, this.express.response);
    Object.assign(req, { res, body });
    Object.assign(res, { req, locals: Object.create(null) as object });
    for (const [name, value] of this.commonHeaders) res.setHeader(name, value);
    this.requestLog(req, res);
    const context: GraphqlContext = { req, res };
    this.logger
      .runInContext(() => this.execute(operation, body, context), { bindings: { req } })
      .then(
        ({ status, text }) => {
          res.statusCode = status;
          res.setHeader('content-type', request.type);
          res.setHeader('cache-control', 'no-store');
          res.setHeader('content-length', Buffer.byteLength(text));
          res.end(text);
        },
        (error: unknown) => {
          this.logger.error({ err: error, requestId: requestIdOf(req) }, 'The lean GraphQL route failed');
          if (!res.headersSent) res.writeHead(500, { 'content-type': request.type });
          res.end(JSON.stringify({ errors: withRequestId([internalError()], requestIdOf(req)) }) + '\n');
        },
      );
  }

  /** The answer Apollo would give to an admitted operation: its HTTP status and its JSON text. */
  private async execute(
    { document, query }: AdmittedOperation,
    body: GraphqlBody,
    context: GraphqlContext,
  ): Promise<{ status: number; text: string }> {
    const variables = body.variables ?? {};
    let result = await query.query(undefined, context, variables);
    if ('data' in result) {
      if (result.errors) result = { ...result, errors: result.errors.map(asGraphqlJsError) };
    } else {
      // graphql-jit refused the variables before any resolver ran: graphql-js's own errors, as Apollo gives them
      // (compiled-executor.ts).
      result = await execute({
        schema: this.schema,
        document,
        contextValue: context,
        variableValues: variables,
        operationName: body.operationName,
      });
    }
    if (!result.errors?.length) return { status: 200, text: JSON.stringify({ data: result.data }) + '\n' };
    const errors = result.errors.map(asClientError);
    const requestId = requestIdOf(context.req);
    for (const error of errors) error.message = error.message.replace(FIELD_SUGGESTION, SUGGESTION_MASK);
    logGraphqlErrors(this.logger.logger, errors, requestId, body.operationName);
    const normalized = errors.map(apolloNormalized);
    const formatted = withRequestId(
      normalized.map(({ formatted }) => formatted),
      requestId,
    );
    // Apollo's status: an error's own (`extensions.http`), otherwise 400 when the variables were refused (no data).
    const status = normalized.find(({ status }) => status)?.status ?? ('data' in result ? 200 : 400);
    const answer = 'data' in result ? { errors: formatted, data: result.data } : { errors: formatted };
    return { status, text: JSON.stringify(answer) + '\n' };
  }
}

/** Apollo's reading of a variable refused by graphql-js (requestPipeline's isBadUserInputGraphQLError): the client's input. */
function asClientError(error: GraphQLError): GraphQLError {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (node?.kind !== Kind.VARIABLE_DEFINITION || error.extensions.code != null) return error;
  const variable = `Variable "$${node.variable.name.value}"`;
  const refusals = ['has invalid value', 'got invalid value ', 'of required type ', 'of non-null type '];
  if (!refusals.some((refusal) => error.message.startsWith(`${variable} ${refusal}`))) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    originalError: error.originalError ?? undefined,
    extensions: { ...error.extensions, code: ErrorCode.BAD_USER_INPUT },
  });
}

function internalError(): GraphQLFormattedError {
  return { message: INTERNAL_ERROR_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * An error as Apollo hands it to `formatError` (errorNormalize.ts: a code by default, `extensions.http` taken out as
 * the answer's status), then formatted by `formatGraphqlError`.
 */
function apolloNormalized(error: GraphQLError): { formatted: GraphQLFormattedError; status?: number } {
  const { http, ...extensions } = error.extensions as Record<string, unknown> & { http?: { status?: unknown } };
  const status = typeof http?.status === 'number' ? http.status : undefined;
  const enriched = {
    ...error.toJSON(),
    extensions: { ...extensions, code: extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR },
  };
  try {
    return { formatted: formatGraphqlError(enriched, error), status };
  } catch {
    return { formatted: internalError(), status };
  }
}
