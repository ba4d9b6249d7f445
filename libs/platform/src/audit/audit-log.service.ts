import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { UnitOfWork } from '../database/unit-of-work';
import { type KeysetPage, keysetPage } from '../graphql/keyset-page';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The audit log of admin actions and role changes. `record` adds the entry to the caller's unit of work, so it
 * commits with the change it describes, or not at all.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  record(em: EntityManager, entry: AuditRecord): AuditEntry {
    const row = em.create(AuditEntry, {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      reason: entry.reason?.trim() || null,
      details: entry.details ?? {},
    });
    em.persist(row);
    return row;
  }

  /** Newest first. */
  page(first: number, after?: string | null): Promise<KeysetPage<AuditEntry>> {
    return keysetPage(this.unitOfWork.em, AuditEntry, {}, first, after, { time: 'recordedAt', numericId: true });
  }
}
