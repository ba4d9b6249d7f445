import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { MikroORM } from '@mikro-orm/core';
import { type AppConfig, loadConfigOrExit, PlatformModule } from '@app/platform';
import { printSchemaFile } from './schema-file';
import { MIGRATIONS_PATH } from './api.module';
import { CONTEXT_MODULES } from './context-modules';
import { createApiApp } from './create-api-app';

/** The same entities as the API, without its HTTP edges: what the database commands need. */
function databaseModule(config: AppConfig) {
  @Module({ imports: [PlatformModule.forRoot(config, { role: 'cli', migrationsPath: MIGRATIONS_PATH }), ...CONTEXT_MODULES] })
  class CliModule {}
  return CliModule;
}

async function withOrm(config: AppConfig, work: (orm: MikroORM) => Promise<void>): Promise<void> {
  if (config.database.kind !== 'postgresql') {
    throw new Error('Set DATABASE_URL to a PostgreSQL database: the embedded SQLite file needs no migrations.');
  }
  const context = await NestFactory.createApplicationContext(databaseModule(config), { logger: ['error', 'warn'] });
  try {
    await work(context.get(MikroORM));
  } finally {
    await context.close();
  }
}

const commands: Record<string, (config: AppConfig, args: string[]) => Promise<void>> = {
  /** Applies the pending versioned migrations, all or nothing. */
  'db:migrate': (config) =>
    withOrm(config, async (orm) => {
      const applied = await orm.migrator.up();
      console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'The database is up to date.');
    }),
  /** Writes a migration from the difference between the entities and a database at the latest migration. */
  'db:migration:create': (config, [name]) =>
    withOrm(config, async (orm) => {
      const result = await orm.migrator.create(MIGRATIONS_PATH, false, false, name);
      console.log(result.fileName ? `Created ${result.fileName}` : 'No changes: the entities match the migrations.');
    }),
  /** Regenerates the committed SDL, apps/api/schema.gql. */
  'schema:generate': async (config) => {
    const app = await createApiApp({ ...config, logLevel: 'warn' });
    await app.init();
    const file = join(__dirname, '..', 'schema.gql');
    writeFileSync(file, printSchemaFile(app.get(GraphQLSchemaHost).schema));
    await app.close();
    console.log(`Wrote ${file}`);
  },
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(`Usage: cli <${Object.keys(commands).join('|')}> [args]`);
    process.exit(2);
  }
  await command(loadConfigOrExit(), args);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
