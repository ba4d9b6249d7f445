import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { Redis } from 'ioredis';
import { withTimeout } from '../async/with-timeout';
import { HEALTH_REDIS } from './health-redis';

const CHECK_TIMEOUT_MS = 2000;

/** `live`: the process answers. `ready`: it can serve (database, and Redis when configured). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly orm: MikroORM,
    @Optional() @Inject(HEALTH_REDIS) private readonly redis?: Redis,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.probe('database', async () => void (await (this.orm.em.fork() as EntityManager).execute('select 1'))),
      ...(this.redis ? [() => this.probe('redis', async () => void (await this.redis!.ping()))] : []),
    ]);
  }

  private async probe(key: string, check: () => Promise<void>) {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(check(), CHECK_TIMEOUT_MS, 'timed out');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}
