import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { AppConfig, Environment } from '@app/platform';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { boundedClose, startProductionStack } from './production-stack';
import { createTempDir, testConfig } from './test-services';

export type AppMode = 'embedded' | 'production';

export interface RunningApp {
  app: INestApplication;
  em: EntityManager;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The application in either mode: embedded (SQLite file, jobs in-process, memory rate limits) or production
 * (PostgreSQL migrated, Redis, the worker running the jobs).
 */
export async function startApp(
  mode: AppMode,
  label: string,
  env: Environment = {},
  { imports = [] as NonNullable<ModuleMetadata['imports']> } = {},
): Promise<RunningApp> {
  if (mode === 'production') {
    const stack = await startProductionStack(label, env, { imports });
    return { app: stack.api, em: stack.em, config: stack.config, close: () => stack.close() };
  }
  const dataDir = createTempDir(label);
  const config = testConfig({ DATA_DIR: dataDir.path, ...env });
  const app = await createApiApp(config, { imports });
  await app.init();
  return {
    app,
    config,
    em: app.get(MikroORM).em.fork() as EntityManager,
    async close() {
      await boundedClose('the embedded API', () => app.close());
      dataDir.remove();
    },
  };
}

/** Row counts of the given tables, to show that a refused request changed nothing. */
export async function rowCounts(em: EntityManager, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await em.execute(`select count(*) as n from ${table}`))[0].n);
  return counts;
}
