export { REPORTING_ENTITIES, ReportingApiModule, ReportingModule } from './reporting.module';
export type { RseLine, RseTotals } from './rse-line';
export { RseAccumulator } from './rse-accumulator';
export { reportPeriod } from './period';
export { signedDownloadPath } from './exports/export-links';
