import type { ModuleMetadata } from '@nestjs/common';
import { IDENTITY_ENTITIES, IdentityModule } from '@app/identity';
import { TERRITORY_ENTITIES, TerritoryModule } from '@app/territory';
import { CATALOG_ENTITIES, CatalogModule } from '@app/catalog';
import { ORDERING_ENTITIES, OrderingModule } from '@app/ordering';
import { PAYMENTS_ENTITIES, PaymentsModule } from '@app/payments';
import { REPORTING_ENTITIES, ReportingModule } from '@app/reporting';

/**
 * The bounded contexts (libs/*) that make up Ancrage, as the API, the worker and the CLI all import them: each
 * context's domain module (services, job handlers, entities), so that the three see the same entities and job
 * handlers. Their API modules (resolvers, controllers) are the API's alone: apps/api/src/api.module.ts.
 * A new context adds its domain module and its entities here, and its API module there.
 */
export const CONTEXT_MODULES: NonNullable<ModuleMetadata['imports']> = [
  IdentityModule,
  TerritoryModule,
  CatalogModule,
  OrderingModule,
  PaymentsModule,
  ReportingModule,
];

/** Every context's MikroORM entities (the platform adds its own), one list for the API, the worker, the CLI and the migrations. */
export const CONTEXT_ENTITIES = [
  ...IDENTITY_ENTITIES,
  ...TERRITORY_ENTITIES,
  ...CATALOG_ENTITIES,
  ...ORDERING_ENTITIES,
  ...PAYMENTS_ENTITIES,
  ...REPORTING_ENTITIES,
];
