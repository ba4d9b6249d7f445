import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Inject } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { APP_CONFIG, type AppConfig, HandlesJob, type JobContext, type JobHandler, RunsDaily } from '@app/platform';
import { ExportJob } from '../entities/export-job.entity';

export const PURGE_EXPORTS = 'reporting.purge-exports';
/** Exports are kept a week: long enough to download, short enough not to keep purchase data lying around. */
export const EXPORT_RETENTION_DAYS = 7;

/** Once a day: the files of exports finished more than a week ago are deleted (their record stays, without a file). */
@RunsDaily()
@HandlesJob(PURGE_EXPORTS)
export class PurgeExports implements JobHandler<{ day: string }> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async handle(_payload: { day: string }, context: JobContext): Promise<void> {
    const em = context.em as EntityManager;
    const cutoff = new Date(Date.now() - EXPORT_RETENTION_DAYS * 86_400_000);
    const expired = await em.find(ExportJob, { finishedAt: { $lt: cutoff }, fileName: { $ne: null } });
    for (const job of expired) {
      rmSync(join(this.config.exportsDir, job.fileName!), { force: true });
      job.fileName = null;
    }
    await em.flush();
  }
}
