import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** One row per daily job and Paris day: whoever inserts it first (of the API replicas or workers) enqueues the job. */
@Entity({ tableName: 'daily_job_run' })
export class DailyJobRun {
  @PrimaryKey({ type: 'string', length: 120 })
  topic!: string;

  /** YYYY-MM-DD, Europe/Paris. */
  @PrimaryKey({ type: 'string', length: 10 })
  day!: string;

  @Property({ type: 'datetime' })
  enqueuedAt: Date = new Date();
}
