import 'reflect-metadata';
import cluster from 'node:cluster';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@app/platform';
import { mountWeb } from '../../web/server/mount-web';
import { apiProcesses, runApiCluster } from './api-cluster';
import { createApiApp } from './create-api-app';
import { DEMO_PASSWORD } from './demo/demo-territory';
import { seedDemoTerritory } from './demo/seed-demo';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // API_PROCESSES > 1: this process is the primary of a cluster, its children serve (README "Running in production").
  const { processes, warning } = apiProcesses(process.env.API_PROCESSES, config);
  if (processes > 1 && cluster.isPrimary) return runApiCluster(processes);
  const app = await createApiApp(config);
  const logger = app.get(Logger);
  if (warning) logger.warn(warning);
  // The pages share the API's process and port; they must be mounted before init(), ahead of Nest's router.
  if (config.webMode !== 'off') await mountWeb(app, config.webMode, config.payments.publicAppUrl);
  // The embedded mode is for trying Ancrage: an empty database gets the demo territory, never in production.
  if (config.database.kind === 'sqlite' && config.env !== 'production') {
    await app.init();
    const logins = await seedDemoTerritory(app);
    if (logins) {
      logger.log(`Demo territory seeded: ${logins.length} accounts`);
      process.stdout.write(
        `\nDemo territory ready. Every demo account's password is "${DEMO_PASSWORD}":\n  ${logins.join('\n  ')}\n\n`,
      );
    }
  }
  await app.listen(config.port);
  const jobs = config.redis ? 'BullMQ on Redis (start the worker: npm run start:worker)' : 'in-process';
  logger.log(
    `Ancrage serving http://localhost:${config.port}/ (pages: ${config.webMode}) and /graphql (database: ${config.database.kind}, jobs: ${jobs})`,
  );
}

void main();
