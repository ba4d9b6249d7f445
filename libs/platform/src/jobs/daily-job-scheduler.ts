import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { JOB_TOPIC_METADATA } from './job-handler';
import { OutboxService } from './outbox.service';
import { parisDay } from '../time/paris-time';

export const DAILY_JOB_METADATA = 'ancrage:daily-job';

/** Marks a `@HandlesJob` handler to be run once a day (payload `{ day }`, the Paris date), whatever the replicas. */
export const RunsDaily = (): ClassDecorator => (target) => Reflect.defineMetadata(DAILY_JOB_METADATA, true, target);

const CHECK_EVERY_MS = 15 * 60_000;

/**
 * Enqueues each daily job once per Paris day, through the outbox like any other job: at start, then every quarter
 * of an hour it checks whether today's run exists. Runs where the jobs run (the worker, or the embedded API).
 */
@Injectable()
export class DailyJobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DailyJobs');
  private timer?: NodeJS.Timeout;
  private topics: string[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    this.topics = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && Reflect.getMetadata(DAILY_JOB_METADATA, wrapper.metatype))
      .map((wrapper) => this.reflector.get<string>(JOB_TOPIC_METADATA, wrapper.metatype as Type))
      .filter(Boolean);
    if (this.topics.length === 0 || !this.config.jobs.daily) return;
    this.timer = setInterval(
      () => void this.enqueueDue().catch((error) => this.logger.error({ err: error }, 'Daily jobs not enqueued')),
      CHECK_EVERY_MS,
    );
    this.timer.unref();
    void this.enqueueDue().catch((error) => this.logger.error({ err: error }, 'Daily jobs not enqueued'));
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Enqueues today's run of every daily job not yet enqueued today; returns the topics enqueued. */
  async enqueueDue(now = new Date()): Promise<string[]> {
    const day = parisDay(now);
    const enqueued: string[] = [];
    for (const topic of this.topics) {
      // Each topic's run is enqueued in a unit of its own.
      await this.unitOfWork.run(() =>
        this.unitOfWork.transactional(async (em) => {
          const rows = await em
            .getConnection()
            .execute(
              'insert into daily_job_run (topic, day, enqueued_at) values (?, ?, ?) on conflict do nothing returning topic',
              [topic, day, now],
              'all',
              em.getTransactionContext(),
            );
          if (rows.length === 0) return;
          this.outbox.enqueue(em, topic, { day });
          enqueued.push(topic);
        }),
      );
    }
    return enqueued;
  }
}
