import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@app/platform';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.listen(config.port);
  const jobs = config.redis ? 'BullMQ on Redis (start the worker: npm run start:worker)' : 'in-process';
  app.get(Logger).log(
    `Ancrage API serving http://localhost:${config.port}/graphql (database: ${config.database.kind}, jobs: ${jobs})`,
  );
}

void main();
