import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { IdentityModule } from '@app/identity';
import { OrderingModule } from '@app/ordering';
import { PaymentsModule } from '@app/payments';
import { BrandDashboardService } from './dashboard/brand-dashboard.service';
import { ExportJob } from './entities/export-job.entity';
import { AdminExportJobsResolver } from './exports/admin-export-jobs.resolver';
import { AdminExportJobs } from './exports/admin-export-jobs.service';
import { ExportDownloadController } from './exports/export-download.controller';
import { PurgeExports } from './exports/purge-exports.handler';
import { RseExportHandler } from './exports/rse-export.handler';
import { RseExportService } from './exports/rse-export.service';
import { BrandImpactResolver, BrandTopProducerResolver, ReportingResolver } from './reporting.resolver';
import { RseLineSource } from './rse-lines';
import { RseSummaryService } from './summary/rse-summary.service';

export const REPORTING_ENTITIES = [ExportJob];

/** RSE summaries and exports for buyers, and the brand dashboard. */
@Module({
  imports: [IdentityModule, OrderingModule, CatalogModule, PaymentsModule],
  providers: [
    RseLineSource,
    RseSummaryService,
    RseExportService,
    AdminExportJobs,
    RseExportHandler,
    PurgeExports,
    BrandDashboardService,
  ],
  exports: [RseSummaryService, RseExportService, AdminExportJobs, BrandDashboardService],
})
export class ReportingModule {}

/** Reporting's API edges: the summary, export and dashboard resolvers, and the export downloads. */
@Module({
  imports: [ReportingModule, IdentityModule, CatalogModule],
  controllers: [ExportDownloadController],
  providers: [ReportingResolver, AdminExportJobsResolver, BrandTopProducerResolver, BrandImpactResolver],
})
export class ReportingApiModule {}
