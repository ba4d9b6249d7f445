import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  Controller,
  Get,
  Headers,
  Inject,
  Ip,
  NotFoundException,
  Param,
  Query,
  Res,
  StreamableFile,
  UnauthorizedException,
} from '@nestjs/common';
import { BearerUser } from '@app/identity';
import { APP_CONFIG, type AppConfig, AppError } from '@app/platform';
import { ExportFormat, type ExportJob, ExportStatus } from '../entities/export-job.entity';
import { isValidDownloadLink } from './export-links';
import { RseExportService } from './rse-export.service';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  PDF: 'application/pdf',
};

/**
 * `GET /exports/:id/download`: the file, for a member of the export's organization (bearer token) holding a link
 * that has not expired. Anyone else, an expired link or a purged file: 404, so nothing says the export exists.
 */
@Controller('exports')
export class ExportDownloadController {
  constructor(
    private readonly exports: RseExportService,
    private readonly bearer: BearerUser,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id/download')
  async download(
    @Param('id') id: string,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ): Promise<StreamableFile> {
    const user = await this.bearer.of(authorization, ip);
    if (!user) throw new UnauthorizedException('Sign in to download the export.');
    const job = await this.exports.findReadable(user, id).catch((error: unknown) => {
      throw error instanceof AppError ? new NotFoundException('No such export.') : error;
    });
    const path = job.fileName ? join(this.config.exportsDir, job.fileName) : undefined;
    if (
      !isValidDownloadLink(this.config.auth.exportLinkSecret, job.id, expires, signature) ||
      job.status !== ExportStatus.DONE ||
      !path ||
      !existsSync(path)
    ) {
      throw new NotFoundException(
        'This download link has expired or the export is no longer kept; ask for the export again.',
      );
    }
    response.setHeader('Content-Type', CONTENT_TYPES[job.format]);
    response.setHeader('Content-Disposition', `attachment; filename="${downloadName(job)}"`);
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(createReadStream(path));
  }
}

const downloadName = (job: ExportJob) => `ancrage-rse-${job.fromDay}-${job.toDay}.${job.format.toLowerCase()}`;
