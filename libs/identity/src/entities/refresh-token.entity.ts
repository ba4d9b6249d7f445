import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity';

/**
 * One refresh token of a session. Only its SHA-256 is stored. Each use replaces it by a new token of the same
 * family; presenting a used one again means it was stolen, and the whole family is revoked (RFC 9700 §4.14).
 */
@Entity({ tableName: 'refresh_token' })
@Index({ name: 'refresh_token_family_idx', properties: ['familyId'] })
export class RefreshToken {
  [OptionalProps]?: 'createdAt' | 'secondFactor';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'uuid' })
  familyId!: string;

  @Property({ type: 'string', length: 64, unique: 'refresh_token_hash_unique' })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /**
   * The sign-in that opened the family, copied from token to token: the session's absolute lifetime counts from it
   * and rotation never moves it (AUTH-07); access tokens carry it as `auth_time`.
   */
  @Property({ type: 'datetime' })
  sessionStartedAt!: Date;

  /** Whether the sign-in that opened the family passed a second factor (TOTP or a recovery code); copied like it. */
  @Property({ type: 'boolean' })
  secondFactor: boolean = false;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date;
}
