import { Module } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { HandlesJob, type JobContext, type JobHandler, OutboxDelivery, PermanentJobError } from '@app/platform';

/**
 * Test job handlers. Their effect is a row in `test_effect`, written in the job's transaction, so a test can count
 * how many times each job took effect.
 */
export const CREATE_EFFECT_TABLE =
  'create table if not exists test_effect (job_key varchar(64) not null, attempt int not null)';

export async function effectCounts(em: EntityManager): Promise<Map<string, number>> {
  const rows = await em.execute<{ job_key: string; n: number | string }[]>(
    'select job_key, count(*) as n from test_effect group by job_key',
  );
  return new Map(rows.map((row) => [row.job_key, Number(row.n)]));
}

/**
 * How many jobs are still to run now (PostgreSQL): messages due and not yet dispatched, and deliveries not done nor
 * failed that are due or handed to BullMQ (a delayed message not yet due waits). One statement, so one snapshot: a
 * job that commits the messages it writes together with its own completion is never missed between two counts.
 */
export async function pendingJobs(em: EntityManager): Promise<number> {
  const [{ n }] = await em.execute<{ n: number | string }[]>(
    `select (select count(*) from outbox_message where dispatched_at is null and available_at <= now())
          + (select count(*) from outbox_delivery where completed_at is null and failed_at is null
               and (available_at <= now() or published_at is not null)) as n`,
  );
  return Number(n);
}

/** The deliveries of a message (one per handler of its topic), once it was dispatched; by handler name. */
export async function deliveriesOf(em: EntityManager, messageId: number): Promise<OutboxDelivery[]> {
  return em.fork().find(OutboxDelivery, { messageId }, { orderBy: { handler: 'asc' } });
}

/** The only delivery of a message whose topic has one handler, or undefined while it is not dispatched. */
export async function deliveryOf(em: EntityManager, messageId: number): Promise<OutboxDelivery | undefined> {
  const deliveries = await deliveriesOf(em, messageId);
  if (deliveries.length > 1) throw new Error(`Message ${messageId} has ${deliveries.length} deliveries.`);
  return deliveries[0];
}

/** The idempotency key of the delivery of a test message to one of the handlers below. */
export const testJobKey = (messageId: number, handler = 'RecordHandler') => `outbox-${messageId}:${handler}`;

export async function recordEffect(context: JobContext): Promise<void> {
  await context.em.execute('insert into test_effect (job_key, attempt) values (?, ?)', [
    context.jobKey,
    context.attempt,
  ]);
}

@HandlesJob('test.record')
export class RecordHandler implements JobHandler<{ note: string }> {
  async handle(_payload: { note: string }, context: JobContext): Promise<void> {
    await recordEffect(context);
  }
}

/** Fails its first `failTimes` attempts, then takes effect. */
@HandlesJob('test.flaky')
export class FlakyHandler implements JobHandler<{ failTimes: number }> {
  async handle(payload: { failTimes: number }, context: JobContext): Promise<void> {
    if (context.attempt <= payload.failTimes) throw new Error(`Attempt ${context.attempt} fails on purpose`);
    await recordEffect(context);
  }
}

@HandlesJob('test.poison')
export class PoisonHandler implements JobHandler {
  async handle(): Promise<void> {
    throw new PermanentJobError('This payload can never be processed');
  }
}

/** Three handlers of one topic: each message of it is delivered to each, and each fares on its own. */
@HandlesJob('test.fact')
export class FactRecordHandler implements JobHandler {
  async handle(_payload: unknown, context: JobContext): Promise<void> {
    await recordEffect(context);
  }
}

@HandlesJob('test.fact')
export class FactFlakyHandler implements JobHandler {
  async handle(_payload: unknown, context: JobContext): Promise<void> {
    if (context.attempt === 1) throw new Error('The first attempt fails on purpose');
    await recordEffect(context);
  }
}

@HandlesJob('test.fact')
export class FactPoisonHandler implements JobHandler {
  async handle(): Promise<void> {
    throw new PermanentJobError('This handler can never process it');
  }
}

@Module({
  providers: [RecordHandler, FlakyHandler, PoisonHandler, FactRecordHandler, FactFlakyHandler, FactPoisonHandler],
})
export class RecordingJobsModule {}
