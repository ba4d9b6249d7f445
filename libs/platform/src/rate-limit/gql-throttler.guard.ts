import { type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import type { RateLimitStore } from './rate-limit-store';

/**
 * The throttler guard for GraphQL resolvers. It runs once per root field, so ten aliased `login` fields in one
 * request count as ten attempts.
 */
@Injectable()
export class GqlThrottlerGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext) {
    if (context.getType<string>() !== 'graphql') return super.getRequestResponse(context);
    const { req, res } = GqlExecutionContext.create(context).getContext();
    return { req, res };
  }

  protected override async getTracker(req: { ip?: string; socket?: { remoteAddress?: string } }): Promise<string> {
    return String(req.ip ?? req.socket?.remoteAddress ?? 'unknown');
  }
}

/** @nestjs/throttler's storage over our store, so that the limits hold across API replicas when Redis is set. */
export class ThrottlerStorageOverStore implements ThrottlerStorage {
  constructor(private readonly store: RateLimitStore) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    name: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    const { count, resetInMs } = await this.store.hit(`throttle:${name}:${key}`, ttl);
    const seconds = Math.ceil(resetInMs / 1000);
    return {
      totalHits: count,
      timeToExpire: seconds,
      isBlocked: count > limit,
      timeToBlockExpire: count > limit ? seconds : 0,
    };
  }
}
