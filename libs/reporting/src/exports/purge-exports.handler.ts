import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, HandlesJob, type JobContext, type JobHandler, RunsDaily } from '@app/platform';
import { ExportJob, ExportStatus } from '../entities/export-job.entity';
import { exportFileName, partialPathOf } from './rse-export.handler';

export const PURGE_EXPORTS = 'reporting.purge-exports';
/** Exports are kept a week: long enough to download, short enough not to keep purchase data lying around. */
export const EXPORT_RETENTION_DAYS = 7;
/** An export of 100,000 lines takes well under a minute (bench/export.bench.ts): one unfinished after an hour was interrupted. */
export const EXPORT_GIVE_UP_HOURS = 1;

/**
 * Once a day: the files of exports finished more than a week ago are deleted (their record stays, without a file);
 * exports still queued or running an hour after they were asked for (their worker died, or the job was lost) are
 * marked failed — the member sees it and asks again — and their partial file is removed.
 */
@RunsDaily()
@HandlesJob(PURGE_EXPORTS)
export class PurgeExports implements JobHandler<{ day: string }> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async handle(_payload: { day: string }, context: JobContext): Promise<void> {
    const em = context.em;
    const cutoff = new Date(Date.now() - EXPORT_RETENTION_DAYS * 86_400_000);
    const expired = await em.find(ExportJob, { finishedAt: { $lt: cutoff }, fileName: { $ne: null } });
    for (const job of expired) {
      rmSync(join(this.config.exportsDir, job.fileName!), { force: true });
      job.fileName = null;
    }
    const givenUpBefore = new Date(Date.now() - EXPORT_GIVE_UP_HOURS * 3_600_000);
    const interrupted = await em.find(ExportJob, {
      status: { $in: [ExportStatus.QUEUED, ExportStatus.RUNNING] },
      createdAt: { $lt: givenUpBefore },
    });
    for (const job of interrupted) {
      rmSync(partialPathOf(join(this.config.exportsDir, exportFileName(job))), { force: true });
      em.assign(job, {
        status: ExportStatus.FAILED,
        error: 'The export was interrupted; ask for it again.',
        finishedAt: new Date(),
      });
    }
    await em.flush();
  }
}
