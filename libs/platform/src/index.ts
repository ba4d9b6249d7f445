export {
  APP_CONFIG,
  ConfigError,
  loadConfig,
  loadConfigOrExit,
  type AppConfig,
  type Environment,
  type TrustedProxies,
} from './config/app-config';
export { AppError } from './errors/app-error';
export { ErrorCode } from './errors/error-code';
export { GraphqlApiModule } from './graphql/graphql-api.module';
export { GRAPHQL_LIMITS, graphqlArmor } from './graphql/graphql-armor';
export { GraphqlDocuments } from './graphql/graphql-documents';
export { installLeanGraphqlRoute } from './graphql/lean-graphql-route';
export type { GraphqlContext } from './graphql/request-context';
export { Public, PUBLIC_OPERATION } from './graphql/public.decorator';
export { HealthModule } from './health/health.module';
export { HandlesJob, PermanentJobError, type JobContext, type JobHandler } from './jobs/job-handler';
export { JobHandlerRegistry } from './jobs/job-handler-registry';
export { JobExecutor } from './jobs/job-executor';
export { OutboxMessage } from './jobs/outbox-message.entity';
export { OutboxDelivery } from './jobs/outbox-delivery.entity';
export { JOB_LIMITS, JOB_RETENTION } from './jobs/retry-policy';
export { JOB_QUEUE_NAME, jobOptions, queueOptions } from './jobs/job-queue';
export { OutboxService } from './jobs/outbox.service';
export { InProcessJobRunner } from './jobs/in-process-job-runner';
export { OutboxRelay } from './jobs/outbox-relay';
export type { ProcessRole } from './jobs/jobs.module';
export { PlatformModule, type PlatformOptions } from './platform.module';
export { createRedisConnection } from './redis/redis-connection';
export { MailerService, type EmailMessage } from './mail/mailer.service';
export { SentEmail } from './mail/sent-email.entity';
export { GqlThrottlerGuard } from './rate-limit/gql-throttler.guard';
export { AUTH_THROTTLER } from './rate-limit/rate-limit.module';
export { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit/rate-limit-store';
export { assertKnownIdShape, isUuid } from './errors/ids';
export { byKeys, requestLoader } from './graphql/request-loaders';
export { CentsScalar, DateScalar } from './graphql/scalars';
export type { DatabaseTriggers, PostgresIndex } from './database/orm-options';
export { UnitOfWork, type TransactionalOptions } from './database/unit-of-work';
export { insertAtOnce, type InsertCondition } from './database/insert-at-once';
export { entityColumnsSql, executePrepared, preparesStatements, queryPrepared } from './database/prepared-statement';
export { conflictOnDuplicate } from './errors/conflict-on-duplicate';
export { PageInfoType } from './graphql/page-info';
export { DailyJobScheduler, RunsDaily } from './jobs/daily-job-scheduler';
export { DailyJobRun } from './jobs/daily-job.entity';
export { parisDay, parisMidnight } from './time/paris-time';
export { assertRedisKeepsJobs } from './redis/redis-guard';
export { pdfDocumentClass, pdfFonts, type PdfFonts } from './pdf/pdf-fonts';
export {
  A4,
  newPdfDocument,
  pdfBytes,
  PDF_COLORS,
  PdfLayout,
  type NewPdfOptions,
  type PdfFont,
  type PdfTableColumn,
  type PdfTableRow,
} from './pdf/pdf-layout';
export { onFirstUse } from './async/on-first-use';
export { lineTotalCents, splitProportionally, splitVatByLine, vatOnCents } from './money/money-arithmetic';
export {
  centsToDecimal,
  eurosText,
  fixedDecimal,
  formatDate,
  formatEuros,
  formatMonth,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatSiren,
  formatSiret,
  formatVatRate,
  roundTo,
} from './format/french-format';
export { requestIdFor } from './logging/logging.module';
export { AuditEntry } from './audit/audit-entry.entity';
export { AuditLog, type AuditRecord } from './audit/audit-log.service';
export { FailedJobs } from './jobs/failed-jobs.service';
export { checkedFirst, connectionOf, keysetPage, type KeysetPage } from './graphql/keyset-page';
