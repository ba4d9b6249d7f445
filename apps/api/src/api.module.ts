import { join } from 'node:path';
import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { CatalogApiModule } from '@app/catalog';
import { AdminApiModule, IdentityApiModule } from '@app/identity';
import { OrderingApiModule } from '@app/ordering';
import { PaymentsApiModule } from '@app/payments';
import { type AppConfig, GraphqlApiModule, HealthModule, PlatformModule, type ProcessRole } from '@app/platform';
import { ReportingApiModule } from '@app/reporting';
import { TerritoryApiModule } from '@app/territory';
import { CONTEXT_ENTITIES, CONTEXT_MODULES } from '../../shared/contexts';

/** The committed, versioned PostgreSQL migrations (compiled beside this file in the build). */
export const MIGRATIONS_PATH = join(__dirname, 'migrations');

/** Each context's API edges (its resolvers and controllers), served by this process only, never by the worker. */
export const CONTEXT_API_MODULES: NonNullable<ModuleMetadata['imports']> = [
  IdentityApiModule,
  TerritoryApiModule,
  CatalogApiModule,
  OrderingApiModule,
  PaymentsApiModule,
  ReportingApiModule,
  AdminApiModule,
];

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
        ...CONTEXT_API_MODULES,
        ...(options.imports ?? []),
      ],
    };
  }
}
