import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Organization } from './organization.entity';
import { User } from './user.entity';

export enum MembershipRole {
  /** Created the organization; manages its members. */
  OWNER = 'OWNER',
  /** Acts for the organization. */
  MEMBER = 'MEMBER',
}

/** A user acting for an organization. */
@Entity({ tableName: 'membership' })
@Unique({ name: 'membership_user_organization_unique', properties: ['user', 'organization'] })
export class Membership {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: User;

  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade', index: 'membership_organization_idx' })
  organization!: Organization;

  @Enum({ items: () => MembershipRole })
  role!: MembershipRole;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
