import type { ModuleMetadata } from '@nestjs/common';
import { IDENTITY_ENTITIES, IdentityModule } from '@app/identity';

/**
 * The bounded contexts (libs/*) that make up Ancrage, imported alike by the API, the worker and the CLI so that
 * all three see the same entities and job handlers. Each context adds its module and its entities here.
 */
export const CONTEXT_MODULES: NonNullable<ModuleMetadata['imports']> = [IdentityModule];

/** Every context's MikroORM entities (the platform adds its own). */
export const CONTEXT_ENTITIES = [...IDENTITY_ENTITIES];
