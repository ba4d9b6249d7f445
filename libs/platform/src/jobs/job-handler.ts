import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';

export interface JobContext {
  /** Stable across every delivery of the same job (`outbox-<id>`): the key for external idempotency. */
  jobKey: string;
  /** 1 for the first run, then 2, 3… */
  attempt: number;
  /**
   * The transaction in which the job is marked done. Writes made through it happen exactly once; effects outside
   * the database (e-mail, Stripe) must be idempotent on `jobKey`, since a crash after them re-runs the job.
   * Every database access of the handler goes through it: on the embedded SQLite file there is one connection,
   * which this transaction holds, so a query through another EntityManager would wait for it forever.
   */
  em: EntityManager;
}

/** A side effect run after commit. Implementations are Nest providers marked with `@HandlesJob(topic)`. */
export interface JobHandler<Payload = Record<string, unknown>> {
  handle(payload: Payload, context: JobContext): Promise<void>;
}

export const JOB_TOPIC_METADATA = 'ancrage:job-topic';

/** Marks a provider as the handler of one outbox topic; the same class runs in the worker and in-process. */
export const HandlesJob = (topic: string): ClassDecorator => SetMetadata(JOB_TOPIC_METADATA, topic);

/** Thrown by a handler for a failure that retrying cannot fix (bad payload, a 4xx from a provider). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
