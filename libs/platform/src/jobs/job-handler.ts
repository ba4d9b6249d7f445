import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';

export interface JobContext {
  /**
   * Stable across every run of the same delivery (`outbox-<messageId>:<handler>`): the key for external idempotency.
   * Each handler of a message has its own.
   */
  jobKey: string;
  /** 1 for the first run, then 2, 3… */
  attempt: number;
  /**
   * The transaction in which the job is marked done. Writes made through it happen exactly once; effects outside
   * the database (e-mail, Stripe) must be idempotent on `jobKey`, since a crash after them re-runs the job.
   * It is the current unit of work while the handler runs (`UnitOfWork.em`), so the services the handler calls read
   * and write in it too: on the embedded SQLite file there is one connection, which this transaction holds, so a query
   * through another EntityManager would wait for it forever.
   */
  em: EntityManager;
}

/**
 * A side effect run after commit. Implementations are Nest providers marked with `@HandlesJob(topic)`; several
 * handlers may subscribe to the same topic, and each receives every message of it.
 */
export interface JobHandler<Payload = Record<string, unknown>> {
  handle(payload: Payload, context: JobContext): Promise<void>;
}

export const JOB_TOPIC_METADATA = 'ancrage:job-topic';
export const JOB_HANDLER_NAME_METADATA = 'ancrage:job-handler-name';

/**
 * Marks a provider as a handler of one outbox topic; the same class runs in the worker and in-process. Its name (the
 * class name unless given) identifies its deliveries and is part of their idempotency key: renaming a handler class
 * with deliveries pending needs `name` set to the old one.
 */
export const HandlesJob =
  (topic: string, { name }: { name?: string } = {}): ClassDecorator =>
  (target) => {
    SetMetadata(JOB_TOPIC_METADATA, topic)(target);
    SetMetadata(JOB_HANDLER_NAME_METADATA, name ?? target.name)(target);
  };

/** Thrown by a handler for a failure that retrying cannot fix (bad payload, a 4xx from a provider). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
