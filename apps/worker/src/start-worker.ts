import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { type AppConfig, ConfigError, assertRedisKeepsJobs, loadConfigOrExit } from '@app/platform';
import { WorkerModule, type WorkerModuleOptions } from './worker.module';

/** Starts the worker: it needs Redis, and answers its health checks on WORKER_HEALTH_PORT. */
export async function startWorker(options: WorkerModuleOptions = {}, config: AppConfig = loadConfigOrExit()) {
  if (!config.redis) {
    process.stderr.write(
      'Configuration error: REDIS_URL must be set for the worker; without Redis the API runs the jobs itself.\n',
    );
    process.exit(1);
  }
  const guard = await assertRedisKeepsJobs(config.redis.url).catch((error: unknown) => {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  });
  const app = await NestFactory.create(WorkerModule.forRoot(config, options), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  if (!guard.checked)
    logger.warn('Redis does not allow CONFIG GET: make sure its maxmemory-policy is noeviction, or jobs may be lost.');
  await app.listen(config.workerHealthPort);
  logger.log(`Ancrage worker running; health on http://localhost:${config.workerHealthPort}/health/ready`);
  return app;
}
