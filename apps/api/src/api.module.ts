import { join } from 'node:path';
import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { type AppConfig, GraphqlApiModule, HealthModule, PlatformModule, type ProcessRole } from '@app/platform';
import { CONTEXT_ENTITIES, CONTEXT_MODULES } from './context-modules';

/** The committed, versioned PostgreSQL migrations (compiled beside this file in the build). */
export const MIGRATIONS_PATH = join(__dirname, 'migrations');

export interface ApiModuleOptions {
  role?: ProcessRole;
  /** Extra modules, for tests that add a handler or a resolver of their own to the real application. */
  imports?: ModuleMetadata['imports'];
}

/** The API process: GraphQL and the REST edges. Business rules live in the context libraries it imports. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, options: ApiModuleOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config, {
          role: options.role ?? 'api',
          migrationsPath: MIGRATIONS_PATH,
          entities: CONTEXT_ENTITIES,
        }),
        GraphqlApiModule.forRoot(config),
        HealthModule.forRoot(config),
        ...CONTEXT_MODULES,
        ...(options.imports ?? []),
      ],
    };
  }
}
