import type { ModuleMetadata } from '@nestjs/common';

/**
 * The bounded contexts (libs/*) that make up Ancrage, imported alike by the API, the worker and the CLI so that
 * all three see the same entities and job handlers. Each context adds its module here when it lands.
 */
export const CONTEXT_MODULES: NonNullable<ModuleMetadata['imports']> = [];
