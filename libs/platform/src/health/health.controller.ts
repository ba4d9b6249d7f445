import { Controller, Get, Inject, Logger, Optional, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { withTimeout } from '../async/with-timeout';
import { UnitOfWork } from '../database/unit-of-work';
import { HEALTH_REDIS } from './health-redis';

const CHECK_TIMEOUT_MS = 2000;

/**
 * `live`: the process answers. `ready`: it can serve (database, and Redis when configured). Both answer anyone, so
 * they say only `{ "status": "ok" }` or, with a 503, `{ "status": "error" }`: which part is down and why (a host, a
 * driver's message) goes to the logs, not to the caller.
 */
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly unitOfWork: UnitOfWork,
    @Optional() @Inject(HEALTH_REDIS) private readonly redis?: Redis,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    try {
      await this.health.check([
        () =>
          this.probe('database', () =>
            this.unitOfWork.run(async () => void (await this.unitOfWork.em.execute('select 1'))),
          ),
        ...(this.redis ? [() => this.probe('redis', async () => void (await this.redis!.ping()))] : []),
      ]);
    } catch (error) {
      const details = error instanceof ServiceUnavailableException ? error.getResponse() : String(error);
      this.logger.warn({ event: 'health.not_ready', details }, 'Not ready');
      throw new ServiceUnavailableException({ status: 'error' });
    }
    return { status: 'ok' };
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
