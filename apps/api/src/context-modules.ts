import type { ModuleMetadata } from '@nestjs/common';
import { IDENTITY_ENTITIES, IdentityModule } from '@app/identity';
import { TERRITORY_ENTITIES, TerritoryModule } from '@app/territory';
import { CATALOG_ENTITIES, CatalogModule } from '@app/catalog';
import { ORDERING_ENTITIES, OrderingModule } from '@app/ordering';
import { PAYMENTS_ENTITIES, PaymentsModule } from '@app/payments';
import { REPORTING_ENTITIES, ReportingModule } from '@app/reporting';

/**
 * The bounded contexts (libs/*) that make up Ancrage, imported alike by the API, the worker and the CLI so that
 * all three see the same entities and job handlers. Each context adds its module and its entities here.
 */
export const CONTEXT_MODULES: NonNullable<ModuleMetadata['imports']> = [IdentityModule, TerritoryModule, CatalogModule, OrderingModule, PaymentsModule, ReportingModule];

/** Every context's MikroORM entities (the platform adds its own). */
export const CONTEXT_ENTITIES = [...IDENTITY_ENTITIES, ...TERRITORY_ENTITIES, ...CATALOG_ENTITIES, ...ORDERING_ENTITIES, ...PAYMENTS_ENTITIES, ...REPORTING_ENTITIES];
