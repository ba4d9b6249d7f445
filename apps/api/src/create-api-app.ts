import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/platform';
import { ApiModule, type ApiModuleOptions } from './api.module';

/** Builds the API application exactly as `main.ts` serves it; tests use it too. */
export async function createApiApp(config: AppConfig, options: ApiModuleOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config, options), { bufferLogs: true, rawBody: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  for (const warning of config.warnings) logger.warn(warning);
  return app;
}
