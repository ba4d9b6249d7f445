import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { DatabaseTriggers } from '../database/orm-options';

/**
 * One line of the audit log: every platform admin action and every role change — who (`actorId`, null for the
 * command line), when, what (`action`, the object it touched and `details`) and why (`reason`). Append-only: a
 * trigger refuses any update or delete, whoever connects.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ name: 'audit_entry_recorded_idx', properties: ['recordedAt', 'id'] })
export class AuditEntry {
  static readonly databaseTriggers: DatabaseTriggers = {
    postgresql: [
      {
        name: 'audit_entry_append_only',
        timing: 'before',
        events: ['update', 'delete'],
        body: `raise exception 'The audit log is append-only: entry % cannot be changed or deleted.', old.id using errcode = 'P0001'; return null;`,
      },
    ],
    sqlite: [
      {
        name: 'audit_entry_no_update',
        timing: 'before',
        events: ['update'],
        body: `select raise(abort, 'The audit log is append-only.');`,
      },
      {
        name: 'audit_entry_no_delete',
        timing: 'before',
        events: ['delete'],
        body: `select raise(abort, 'The audit log is append-only.');`,
      },
    ],
  };

  [OptionalProps]?: 'recordedAt' | 'details';

  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  /** The user who acted; null when it was the command line (`npm run admin:grant`). */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  /** What was done, such as `user.disabled`, `brand.verified`, `commission.set`, `membership.role-changed`. */
  @Property({ type: 'string', length: 80 })
  action!: string;

  /** The kind of object acted on (`User`, `Brand`, `Job`…) and its id. */
  @Property({ type: 'string', length: 40 })
  targetType!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  targetId?: string | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** Before and after, or whatever else says what changed. */
  @Property({ type: 'json' })
  details: Record<string, unknown> = {};

  @Property({ type: 'datetime' })
  recordedAt: Date = new Date();
}
