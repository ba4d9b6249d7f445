import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity';

/**
 * One recovery code of a user's second factor, for a lost phone: only its SHA-256 is stored, and it is spent once.
 * A new enrolment replaces all of them.
 */
@Entity({ tableName: 'mfa_recovery_code' })
@Index({ name: 'mfa_recovery_code_user_idx', properties: ['user'] })
export class MfaRecoveryCode {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'string', length: 64 })
  codeHash!: string;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
