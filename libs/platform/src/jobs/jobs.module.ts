import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { BullmqJobConsumer } from './bullmq-job-consumer';
import { DailyJobScheduler } from './daily-job-scheduler';
import { FailedJobs } from './failed-jobs.service';
import { InProcessJobRunner } from './in-process-job-runner';
import { JobExecutor } from './job-executor';
import { JobHandlerRegistry } from './job-handler-registry';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';

/** Which process this is: the API (enqueues; runs jobs itself only without Redis) or the worker. */
export type ProcessRole = 'api' | 'worker' | 'cli';

export function jobRunnersFor(config: AppConfig, role: ProcessRole): Provider[] {
  if (role === 'worker') return [OutboxRelay, BullmqJobConsumer, DailyJobScheduler];
  if (role === 'api' && !config.redis) return [InProcessJobRunner, DailyJobScheduler];
  return [];
}

/** The transactional outbox and what carries it to the handlers in this process. */
@Module({})
export class JobsModule {
  static forRoot(config: AppConfig, role: ProcessRole): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [OutboxService, JobHandlerRegistry, JobExecutor, FailedJobs, ...jobRunnersFor(config, role)],
      exports: [OutboxService, JobHandlerRegistry, JobExecutor, FailedJobs, ...jobRunnersFor(config, role)],
    };
  }
}
