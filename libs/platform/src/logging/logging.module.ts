import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { AppConfig } from '../config/app-config';

const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a well-formed request id sent by a proxy, otherwise makes one; echoes it in the response. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers[REQUEST_ID_HEADER];
  const id = typeof sent === 'string' && ACCEPTABLE_REQUEST_ID.test(sent) ? sent : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** Paths whose values never reach the logs. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.refreshToken',
  '*.accessToken',
];

/** Query parameters that carry a capability (a signed link, a one-time token): their values never reach the logs. */
const SECRET_QUERY_PARAMETER = /token|signature|sig|secret|key|code|password/i;

/** The request's URL as logged: its path and query, with the values of secret-bearing parameters redacted. */
export function loggedUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const parameters = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0];
      return pair.includes('=') && SECRET_QUERY_PARAMETER.test(decodeName(name)) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, query)}?${parameters.join('&')}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** How each request is logged (pino-http): one line per request, carrying its id, with secrets redacted. */
export function requestLogOptions(
  config: Pick<AppConfig, 'logLevel'>,
): PinoHttpOptions<IncomingMessage, ServerResponse> {
  return {
    level: config.logLevel,
    genReqId: requestIdFor,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => req.url?.startsWith('/health/') ?? false },
    // The request as logged, read from Node's request itself: pino-http's wrapping first built its standard
    // form (headers, query, address…) on every request only for this serializer to keep three fields of it.
    wrapSerializers: false,
    serializers: {
      req: (req: { id: string; method: string; url: string; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        url: loggedUrl(req.originalUrl ?? req.url),
      }),
      res: stdSerializers.res,
      err: stdSerializers.err,
    },
  };
}

/** Structured JSON logs (pino), one line per request carrying its id. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: requestLogOptions(config) })],
    };
  }
}
