import { type DynamicModule, Inject, Module, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { createRedisConnection } from '../redis/redis-connection';
import { HEALTH_REDIS } from './health-redis';
import { HealthController } from './health.controller';

@Module({})
export class HealthModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(HEALTH_REDIS) private readonly redis?: Redis) {}

  static forRoot(config: AppConfig): DynamicModule {
    const redis = config.redis;
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: redis
        ? [{ provide: HEALTH_REDIS, useFactory: () => createRedisConnection(redis.url, 'request') }]
        : [],
    };
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
