import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { OrganizationService } from '@app/identity';
import { countPurchaseLines } from '@app/ordering';
import { APP_CONFIG, type AppConfig, HandlesJob, type JobContext, type JobHandler } from '@app/platform';
import { ExportFormat, ExportJob, ExportStatus } from '../entities/export-job.entity';
import { exportProgress } from './export-progress';
import { reportPeriod } from '../period';
import { RseAccumulator } from '../rse-accumulator';
import type { RseLineBatch } from '../rse-line';
import { RseLineSource } from '../rse-lines';
import { RseSummaryService } from '../summary/rse-summary.service';
import { RSE_EXPORT_REQUESTED, type RseExportRequested } from './rse-export.service';
import { writeRseCsv } from './writers/csv-writer';
import { writeRsePdf } from './writers/pdf-writer';
import { writeRseXlsx } from './writers/xlsx-writer';

const EXTENSIONS: Record<ExportFormat, string> = { CSV: 'csv', XLSX: 'xlsx', PDF: 'pdf' };
/** The export's file in EXPORTS_DIR once complete; `partialPathOf` its name while it is written. */
export const exportFileName = (job: Pick<ExportJob, 'id' | 'format'>): string => `${job.id}.${EXTENSIONS[job.format]}`;

/**
 * Generates an RSE export: the lines stream from the database to the file (memory stays flat, JOB-08) while the
 * summary accumulates. The file is written under a `.partial` name and renamed once complete, so a download never
 * serves half a file; a failure removes it and is recorded on the export (the member sees it) rather than retried
 * forever. An export that failed, or was given up as interrupted (`PurgeExports`), is not generated again by a late
 * retry: the member asks for a new one.
 */
@HandlesJob(RSE_EXPORT_REQUESTED)
export class RseExportHandler implements JobHandler<RseExportRequested> {
  private readonly logger = new Logger('RseExport');

  constructor(
    private readonly orm: MikroORM,
    private readonly lines: RseLineSource,
    private readonly summaries: RseSummaryService,
    private readonly organizations: OrganizationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle({ exportJobId }: RseExportRequested, context: JobContext): Promise<void> {
    const em = context.em;
    const job = await em.findOne(ExportJob, exportJobId);
    if (!job || job.status === ExportStatus.DONE || job.status === ExportStatus.FAILED) return;
    const [organization] = await this.organizations.findByIds([job.organizationId]);
    const period = reportPeriod(job.fromDay, job.toDay);
    const fileName = exportFileName(job);
    mkdirSync(this.config.exportsDir, { recursive: true });
    const path = join(this.config.exportsDir, fileName);
    const partialPath = partialPathOf(path);
    const meta = {
      buyerName: organization.name,
      buyerSiret: organization.siret ?? null,
      periodFrom: period.fromDay,
      periodTo: period.toDay,
      localRadiusKm: job.localRadiusKm,
      generatedAt: new Date(),
    };
    const report = this.progressReporter(job.id, () =>
      countPurchaseLines(em, {
        buyerOrganizationId: organization.id,
        from: period.from,
        to: period.to,
        basis: 'delivered',
      }),
    );
    try {
      // The PDF's and the XLSX's summary net of credit notes, as the page's; the CSV has lines only, as delivered.
      const { accumulator, lines } =
        job.format === ExportFormat.CSV
          ? {
              accumulator: new RseAccumulator(),
              lines: this.lines.linesOf(em, organization, period, job.localRadiusKm),
            }
          : await this.summaries.netLines(em, organization, period, job.localRadiusKm);
      let rowCount = 0;
      if (job.format === ExportFormat.CSV)
        rowCount = (await writeRseCsv(partialPath, summed(lines, accumulator), report)).rowCount;
      else if (job.format === ExportFormat.XLSX)
        rowCount = (
          await writeRseXlsx(partialPath, summed(lines, accumulator), () => accumulator.totals(), meta, report)
        ).rowCount;
      else {
        for await (const batch of lines) {
          accumulator.add(batch);
          rowCount += batch.length;
        }
        await writeRsePdf(partialPath, accumulator.totals(), meta);
      }
      renameSync(partialPath, path);
      em.assign(job, { status: ExportStatus.DONE, progress: 1, rowCount, fileName, finishedAt: new Date() });
    } catch (error) {
      this.logger.error({ err: error, exportJobId }, 'RSE export failed');
      rmSync(partialPath, { force: true });
      em.assign(job, {
        status: ExportStatus.FAILED,
        error: 'The export could not be generated; ask for it again, or contact support with its id.',
        finishedAt: new Date(),
      });
    }
    await em.flush();
  }

  /**
   * The running count of lines written, shown to whoever follows the export (`exportProgress`). On PostgreSQL it is
   * written on another connection (the job's own transaction commits only at the end) and the lines are counted on
   * the job's while the first batches are read on others; the embedded SQLite file has one connection, so there the
   * export goes from QUEUED to DONE and the lines are not counted.
   */
  private progressReporter(
    exportJobId: string,
    countLines: () => Promise<number>,
  ): (rowsSoFar: number) => Promise<void> {
    if (!(this.orm.em.getPlatform() instanceof PostgreSqlPlatform)) return async () => undefined;
    return exportProgress(
      countLines(),
      async (rowsSoFar, progress) => {
        // On another connection, outside the job's transaction: the progress is seen before that commits. One plain
        // statement (a fork and the ORM's update building were ≈ 3 % of a 100,000-line CSV export’s CPU).
        await this.orm.em
          .getConnection()
          .execute('update export_job set status = ?, row_count = ?, progress = ? where id = ?', [
            ExportStatus.RUNNING,
            rowsSoFar,
            progress,
            exportJobId,
          ]);
      },
      (error) => this.logger.warn({ err: error, exportJobId }, 'RSE export: lines not counted, no progress shown'),
    );
  }
}

/** Where an export is written until it is complete. */
export const partialPathOf = (path: string): string => `${path}.partial`;

/**
 * Passes the batches through to a writer, adding each line to the summary as the writer visits it (a line is one
 * object refilled for each: it is summed and written in one visit). A writer visits each batch once.
 */
async function* summed(
  batches: AsyncIterable<RseLineBatch>,
  accumulator: RseAccumulator,
): AsyncGenerator<RseLineBatch> {
  for await (const batch of batches)
    yield {
      length: batch.length,
      forEach: (visit) =>
        batch.forEach((line) => {
          accumulator.addLine(line);
          visit(line);
        }),
    };
}
