import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
  PDF = 'PDF',
}

export enum ExportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

/** An RSE export asked by a member of a buying organization, generated in the background into EXPORTS_DIR. */
@Entity({ tableName: 'export_job' })
@Index({ name: 'export_job_finished_idx', properties: ['finishedAt'] })
export class ExportJob {
  [OptionalProps]?: 'status' | 'progress' | 'rowCount' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', index: 'export_job_organization_idx' })
  organizationId!: string;

  @Property({ type: 'uuid' })
  requestedByUserId!: string;

  @Enum({ items: () => ExportFormat })
  format!: ExportFormat;

  @Property({ type: 'string', length: 10 })
  fromDay!: string;

  @Property({ type: 'string', length: 10 })
  toDay!: string;

  @Property({ type: 'double' })
  localRadiusKm!: number;

  @Enum({ items: () => ExportStatus })
  status: ExportStatus = ExportStatus.QUEUED;

  /** 0 … 1. */
  @Property({ type: 'double' })
  progress: number = 0;

  @Property({ type: 'integer' })
  rowCount: number = 0;

  /** The file's name in EXPORTS_DIR, once written. */
  @Property({ type: 'string', length: 200, nullable: true })
  fileName?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  error?: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date;
}
