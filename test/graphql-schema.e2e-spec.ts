import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { createApiApp } from '../apps/api/src/create-api-app';
import { printSchemaFile } from '../apps/api/src/schema-file';
import { createTempDir, testConfig } from './support/test-services';

describe('the committed GraphQL schema (apps/api/schema.gql)', () => {
  it('is the schema the code serves (regenerate it with npm run schema:generate)', async () => {
    const dataDir = createTempDir('schema');
    const app = await createApiApp(testConfig({ DATA_DIR: dataDir.path }));
    try {
      await app.init();
      const served = printSchemaFile(app.get(GraphQLSchemaHost).schema);
      const committed = readFileSync(join(__dirname, '..', 'apps', 'api', 'schema.gql'), 'utf8');
      expect(committed).toBe(served);
    } finally {
      await app.close();
      dataDir.remove();
    }
  });
});
