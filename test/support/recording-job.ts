import { Module } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { HandlesJob, type JobContext, type JobHandler, PermanentJobError } from '@app/platform';

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

@Module({ providers: [RecordHandler, FlakyHandler, PoisonHandler] })
export class RecordingJobsModule {}
