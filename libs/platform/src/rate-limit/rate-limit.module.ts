import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';
import { createRedisConnection } from '../redis/redis-connection';
import { GqlThrottlerGuard, ThrottlerStorageOverStore } from './gql-throttler.guard';
import { MemoryRateLimitStore, RATE_LIMIT_STORE, type RateLimitStore, RedisRateLimitStore } from './rate-limit-store';

/** The throttler named "auth": sign-in and sign-up attempts per IP and minute. */
export const AUTH_THROTTLER = 'auth';

@Global()
@Module({})
export class RateLimitModule implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  static forRoot(config: AppConfig): DynamicModule {
    const store: RateLimitStore = config.redis
      ? new RedisRateLimitStore(createRedisConnection(config.redis.url, 'request'), config.redis.prefix)
      : new MemoryRateLimitStore();
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: AUTH_THROTTLER, ttl: 60_000, limit: config.rateLimit.authPerMinute }],
          storage: new ThrottlerStorageOverStore(store),
        }),
      ],
      providers: [{ provide: RATE_LIMIT_STORE, useValue: store }, GqlThrottlerGuard],
      exports: [RATE_LIMIT_STORE, GqlThrottlerGuard, ThrottlerModule],
    };
  }

  onApplicationShutdown(): void {
    if (this.store instanceof RedisRateLimitStore) this.store.disconnect();
  }
}
