import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { MembershipRole } from './membership.entity';
import { Organization } from './organization.entity';

/**
 * An invitation to join an organization, bound to one e-mail address. Its token is made and e-mailed by a job
 * (never written in clear anywhere): only its SHA-256 is stored, once the e-mail is sent. Valid 7 days, once.
 */
@Entity({ tableName: 'invitation' })
@Index({ name: 'invitation_organization_idx', properties: ['organization'] })
export class Invitation {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  organization!: Organization;

  /** Lower-cased and trimmed, as accounts' addresses. */
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Enum({ items: () => MembershipRole })
  role!: MembershipRole;

  @Property({ type: 'uuid' })
  invitedByUserId!: string;

  /** Set by the job that e-mails the link; null until then. */
  @Property({ type: 'string', length: 64, nullable: true, unique: 'invitation_token_hash_unique' })
  tokenHash?: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  acceptedAt?: Date;

  /** A newer invitation of the same address replaced it. */
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date;
}
