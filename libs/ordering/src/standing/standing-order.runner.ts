import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DailyJobScheduler, UnitOfWork } from '@app/platform';
import { StandingOrderService } from './standing-order.service';

const EVERY_MS = 15 * 60_000;

/**
 * Places the standing orders' occurrences as they come due: at start, then every quarter of an hour, in the processes
 * that run the daily jobs (the worker, or the embedded API) when DAILY_JOBS is on. It runs outside any job's
 * transaction because each occurrence is a whole checkout of its own (on the embedded SQLite file, a checkout inside
 * a job's transaction would wait for the connection that transaction holds); running it twice, or in two processes,
 * places each occurrence once (see StandingOrderService).
 */
@Injectable()
export class StandingOrderRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('StandingOrders');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly standingOrders: StandingOrderService,
    private readonly unitOfWork: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly dailyJobs?: DailyJobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.dailyJobs || !this.config.jobs.daily) return;
    this.timer = setInterval(() => this.tick(), EVERY_MS);
    this.timer.unref();
    this.tick();
  }

  /** Stops the ticks and lets a running one end while the database is still open (it closes in the next stage). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    // Each tick is a unit of work of its own; each occurrence's checkout is a transaction of its own inside it.
    this.running = this.unitOfWork
      .run(() => this.standingOrders.placeDue())
      .then(
        (done) =>
          (done.placed || done.skipped) &&
          this.logger.log({ event: 'standing_orders.placed', ...done }, 'Standing orders placed'),
      )
      .catch((error) => this.logger.error({ err: error }, 'Standing orders not placed'))
      .finally(() => (this.running = undefined));
  }
}
