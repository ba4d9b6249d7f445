import { parse as legacyUrlParse } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { type AppConfig, installLeanGraphqlRoute } from '@app/platform';
import { ApiModule, type ApiModuleOptions } from './api.module';
import { commonSecurityHeaders, setHeaders } from './security-headers';

/**
 * Apollo's Express integration calls Node's legacy `url.parse()` on every GraphQL request. Until that function has
 * warned once (DEP0169), each call made from inside node_modules captures and walks the call stack to decide whether
 * to warn: ≈ 7 µs a request, 2.6 % of the product page's CPU. One call from here, with deprecation warnings muted for
 * its duration, marks the warning as given. The warning is about Apollo's code, not ours (we never call it).
 */
function settleUrlParseDeprecationCheck(): void {
  const muted = process.noDeprecation;
  process.noDeprecation = true;
  try {
    legacyUrlParse('/');
  } finally {
    process.noDeprecation = muted;
  }
}

/** Builds the API application exactly as `main.ts` serves it; tests use it too. */
export async function createApiApp(config: AppConfig, options: ApiModuleOptions = {}): Promise<INestApplication> {
  settleUrlParseDeprecationCheck();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, options), {
    bufferLogs: true,
    rawBody: true,
  });
  // Behind load balancers, the client's address (for rate limits and logs) is the one the trusted hops forward.
  if (config.rateLimit.trustProxy !== false) app.set('trust proxy', config.rateLimit.trustProxy);
  // No ETag on answers sent with res.send (every GraphQL answer: a SHA-1 of its whole body, ≈ 1 % of a catalog read's
  // CPU, for answers marked no-store that no client revalidates). Files keep theirs (res.sendFile, static assets).
  app.set('etag', false);
  // Nothing says which server answers; every answer carries the headers of `commonSecurityHeaders`.
  app.disable('x-powered-by');
  const securityHeaders = commonSecurityHeaders(config);
  app.use(setHeaders(securityHeaders));
  if (config.graphqlRoute === 'lean') installLeanGraphqlRoute(app, config, securityHeaders);
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  for (const warning of config.warnings) logger.warn(warning);
  return app;
}
