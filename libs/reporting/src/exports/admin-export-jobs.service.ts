import { Injectable } from '@nestjs/common';
import { assertPlatformAdmin, type AuthUser } from '@app/identity';
import { type KeysetPage, keysetPage, UnitOfWork } from '@app/platform';
import { ExportJob, type ExportStatus } from '../entities/export-job.entity';

/** The platform admins' view of the RSE export jobs of every organization (the support's "export jobs" list). */
@Injectable()
export class AdminExportJobs {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Newest first, those of `status` only when given: platform admins only (FORBIDDEN to anyone else). */
  page(
    user: AuthUser | null,
    first: number,
    after?: string | null,
    status?: ExportStatus | null,
  ): Promise<KeysetPage<ExportJob>> {
    assertPlatformAdmin(user, 'The export jobs list');
    return keysetPage(this.unitOfWork.em, ExportJob, status ? { status } : {}, first, after);
  }
}
