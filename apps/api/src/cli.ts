import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { grantPlatformAdmin } from '@app/identity';
import { Gazetteer, readCoordinatesFile, saveCommuneCentres } from '@app/territory';
import { type AppConfig, loadConfigOrExit } from '@app/platform';
import { MIGRATIONS_PATH } from './api.module';
import { createApiApp } from './create-api-app';
import { migrateDatabase, requirePostgresql, withOrm } from './database-commands';
import { printSchemaFile } from './schema-file';

const commands: Record<string, (config: AppConfig, args: string[]) => Promise<void>> = {
  /** Applies the pending versioned migrations, all or nothing. */
  'db:migrate': async (config) => {
    const applied = await migrateDatabase(config);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
  },
  /** Writes a migration from the difference between the entities and a database at the latest migration. */
  'db:migration:create': (config, [name]) => {
    requirePostgresql(config);
    return withOrm(config, async (orm) => {
      const result = await orm.migrator.create(MIGRATIONS_PATH, false, false, name);
      console.log(result.fileName ? `Created ${result.fileName}` : 'No changes: the entities match the migrations.');
    });
  },
  /** Makes an existing account a platform admin. */
  'admin:grant': (config, [email]) => {
    if (!email) throw new Error('Usage: npm run admin:grant -- <email>');
    return withOrm(config, async (_orm, unitOfWork) => {
      if (!(await grantPlatformAdmin(unitOfWork, email)))
        throw new Error(`No account has the e-mail address ${email}.`);
      console.log(`${email} is now a platform admin.`);
    });
  },
  /** Loads commune coordinates from a CSV (INSEE code, latitude, longitude columns); running it again is harmless. */
  'geo:import': async (config, [file]) => {
    if (!file) throw new Error('Usage: npm run geo:import -- <file.csv>');
    const report = readCoordinatesFile(readFileSync(file, 'utf8'), Gazetteer.load());
    await withOrm(config, (_orm, unitOfWork) => saveCommuneCentres(unitOfWork.em, report.centres));
    console.log(`Loaded the coordinates of ${report.centres.length} communes from ${report.rowCount} rows.`);
    if (report.invalidRows) console.log(`${report.invalidRows} rows had no usable coordinates and were skipped.`);
    if (report.unmatchedCodes.length) {
      const shown = report.unmatchedCodes.slice(0, 30).join(', ');
      console.log(
        `${report.unmatchedCodes.length} codes matched no commune: ${shown}${report.unmatchedCodes.length > 30 ? '…' : ''}`,
      );
    }
  },
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
  console.error(error instanceof Error ? (process.env.DEBUG_CLI ? error.stack : error.message) : error);
  process.exit(1);
});
