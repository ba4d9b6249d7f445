import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/platform';
import { ApiModule, type ApiModuleOptions } from './api.module';

/** Builds the API application exactly as `main.ts` serves it; tests use it too. */
export async function createApiApp(config: AppConfig, options: ApiModuleOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, options), { bufferLogs: true, rawBody: true });
  // Behind a load balancer, the client's address (for rate limits and logs) is the one it forwards.
  if (config.rateLimit.trustProxy) app.set('trust proxy', true);
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  for (const warning of config.warnings) logger.warn(warning);
  return app;
}
