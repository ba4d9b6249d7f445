import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { type AppConfig, PlatformModule, UnitOfWork } from '@app/platform';
import { MIGRATIONS_PATH } from './api.module';
import { CONTEXT_ENTITIES, CONTEXT_MODULES } from '../../shared/contexts';

/**
 * Opens the ORM with the same entities and domain modules as the API, without its HTTP edges, for the command-line
 * tasks; the command runs in a unit of work of its own.
 */
export async function withOrm<T>(
  config: AppConfig,
  work: (orm: MikroORM, unitOfWork: UnitOfWork) => Promise<T>,
): Promise<T> {
  @Module({
    imports: [
      PlatformModule.forRoot(config, { role: 'cli', migrationsPath: MIGRATIONS_PATH, entities: CONTEXT_ENTITIES }),
      ...CONTEXT_MODULES,
    ],
  })
  class DatabaseCommandsModule {}
  const context = await NestFactory.createApplicationContext(DatabaseCommandsModule, { logger: ['error', 'warn'] });
  try {
    const unitOfWork = context.get(UnitOfWork);
    return await unitOfWork.run(() => work(context.get(MikroORM), unitOfWork));
  } finally {
    await context.close();
  }
}

/** Applies the pending versioned migrations, all or nothing; returns their names. */
export function migrateDatabase(config: AppConfig): Promise<string[]> {
  requirePostgresql(config);
  return withOrm(config, async (orm) => (await orm.migrator.up()).map((migration) => migration.name));
}

/** Migrations are PostgreSQL's; the embedded SQLite file gets its schema from the entities at start. */
export function requirePostgresql(config: AppConfig): void {
  if (config.database.kind !== 'postgresql') {
    throw new Error('Set DATABASE_URL to a PostgreSQL database: the embedded SQLite file needs no migrations.');
  }
}
