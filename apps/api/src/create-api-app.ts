import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/platform';
import { ApiModule, type ApiModuleOptions } from './api.module';

/** Builds the API application exactly as `main.ts` serves it; tests use it too. */
export async function createApiApp(config: AppConfig, options: ApiModuleOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, options), {
    bufferLogs: true,
    rawBody: true,
  });
  // Behind load balancers, the client's address (for rate limits and logs) is the one the trusted hops forward.
  if (config.rateLimit.trustProxy !== false) app.set('trust proxy', config.rateLimit.trustProxy);
  // No ETag on answers sent with res.send (every GraphQL answer: a SHA-1 of its whole body, ≈ 1 % of a catalog read's
  // CPU, for answers marked no-store that no client revalidates). Files keep theirs (res.sendFile, static assets).
  app.set('etag', false);
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  for (const warning of config.warnings) logger.warn(warning);
  return app;
}
