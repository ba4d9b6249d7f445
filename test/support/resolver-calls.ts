import { type CallHandler, type ExecutionContext, Injectable, Module, type NestInterceptor } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { type GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Observable } from 'rxjs';

/** Every GraphQL resolver the application ran (root fields and resolved fields), as "Parent.field". */
export const resolverCalls: string[] = [];

/**
 * Counts resolver calls: a global interceptor, which Nest runs around every query, mutation and @ResolveField of the
 * schema (GraphqlApiModule enhances field resolvers with interceptors). A document refused by a validation rule or
 * before parsing must leave this list as it was.
 */
@Injectable()
class ResolverCallCounter implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() === 'graphql') {
      const info = GqlExecutionContext.create(context).getInfo();
      resolverCalls.push(`${info.parentType.name}.${info.fieldName}`);
    }
    return next.handle();
  }
}

@Module({ providers: [{ provide: APP_INTERCEPTOR, useClass: ResolverCallCounter }] })
export class ResolverCallCounterModule {}

/** The resolvers that ran while `send` did, e.g. during one HTTP request. */
export async function resolversRunBy<T>(send: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const start = resolverCalls.length;
  const result = await send();
  return { result, calls: resolverCalls.slice(start) };
}
