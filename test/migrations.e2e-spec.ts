import { readdirSync } from 'node:fs';
import { MIGRATIONS_PATH } from '../apps/api/src/api.module';
import { migrateDatabase, withOrm } from '../apps/api/src/database-commands';
import { createTestDatabase, type TestDatabase, testConfig } from './support/test-services';

describe('PostgreSQL migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('migrations');
  });

  afterAll(() => database.drop());

  it('apply to an empty database, then leave nothing between the entities and the schema', async () => {
    const config = testConfig({ DATABASE_URL: database.url });
    const applied = await migrateDatabase(config);
    const files = readdirSync(MIGRATIONS_PATH).filter((file) => /^Migration.*\.ts$/.test(file));
    expect(applied).toHaveLength(files.length);

    // The schema the entities want, compared with the schema the migrations built: it must be the same.
    const drift = await withOrm(config, (orm) => orm.schema.getUpdateSchemaSQL({ wrap: false }));
    if (drift.trim()) {
      throw new Error(`The entities and the migrations disagree. Run npm run db:migration:create. Missing:\n${drift}`);
    }
  });

  it('are applied once: a second run applies nothing', async () => {
    expect(await migrateDatabase(testConfig({ DATABASE_URL: database.url }))).toEqual([]);
  });
});
