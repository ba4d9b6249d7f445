import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA, INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';

/** What `@ResolveField` marks its methods with (@nestjs/graphql's `RESOLVER_PROPERTY_METADATA`). */
const FIELD_RESOLVER_METADATA = 'graphql:resolve_property';
const ENHANCER_METADATA = [GUARDS_METADATA, INTERCEPTORS_METADATA, EXCEPTION_FILTERS_METADATA];

/**
 * The field resolvers (`@ResolveField` methods, as `Class.method`) of these instances that carry a guard, an
 * interceptor or an exception filter, on the method or on its class. Field resolvers run without Nest's enhancers
 * (`fieldResolverEnhancers: []`, graphql-api.module.ts), so any such enhancer would silently never run.
 */
export function enhancedFieldResolvers(instances: object[]): string[] {
  const found: string[] = [];
  for (const instance of instances) {
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown> | null;
    if (!prototype) continue;
    const classEnhanced = ENHANCER_METADATA.some((key) => Reflect.hasMetadata(key, instance.constructor));
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (typeof method !== 'function' || !Reflect.getMetadata(FIELD_RESOLVER_METADATA, method)) continue;
      if (classEnhanced || ENHANCER_METADATA.some((key) => Reflect.hasMetadata(key, method)))
        found.push(`${instance.constructor.name}.${name}`);
    }
  }
  return found;
}

/**
 * Refuses to start when a field resolver carries an enhancer that would not run: a field-level check (a tenant's
 * fields shown to its members only) is written in the resolver itself, through the access policy.
 */
@Injectable()
export class FieldResolverEnhancersCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const instances = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is object => typeof instance === 'object' && instance !== null);
    const enhanced = enhancedFieldResolvers(instances);
    if (enhanced.length)
      throw new Error(
        `Field resolvers run without guards, interceptors or filters; check in the resolver instead: ${enhanced.join(', ')}`,
      );
  }
}
