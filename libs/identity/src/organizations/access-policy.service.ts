import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  AppError,
  entityColumnsSql,
  ErrorCode,
  isUuid,
  preparesStatements,
  queryPrepared,
  UnitOfWork,
} from '@app/platform';
import type { AuthUser } from '../auth/auth-user';
import { Membership, MembershipRole } from '../entities/membership.entity';
import { Organization, type OrganizationKind } from '../entities/organization.entity';

export interface MemberRequirement {
  /** The organization must be of one of these kinds (a producer for a product…). */
  kinds?: OrganizationKind[];
  roles?: MembershipRole[];
}

/**
 * Who may act for an organization: its members, and platform admins for support. The one place every context
 * asks. Someone else gets NOT_FOUND, never FORBIDDEN, so the answer does not even reveal that the object exists.
 */
@Injectable()
export class AccessPolicy {
  private readonly logger = new Logger('AccessPolicy');

  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** The organization `user` may act for, or NOT_FOUND. */
  async assertMember(
    user: AuthUser,
    organizationId: string,
    requirement: MemberRequirement = {},
  ): Promise<Organization> {
    if (!isUuid(organizationId)) throw AppError.notFound('Organization');
    const em = this.unitOfWork.em;
    let organization: Organization | null;
    if (user.isPlatformAdmin) {
      organization = await em.findOne(Organization, organizationId);
    } else {
      const membership = await membershipOf(em, user.id, organizationId);
      organization =
        membership && (!requirement.roles || requirement.roles.includes(membership.role))
          ? membership.organization
          : null;
    }
    if (!organization || (requirement.kinds && !requirement.kinds.includes(organization.kind))) {
      this.logger.warn({ event: 'authorization.refused', userId: user.id, organizationId }, 'Not a member');
      throw AppError.notFound('Organization');
    }
    return organization;
  }

  /**
   * The organization, if `user` is one of its owners (or a platform admin): members, payouts and the organization
   * itself are the owners'. A member who is not an owner gets FORBIDDEN (they know the organization); anyone else
   * NOT_FOUND.
   */
  async assertOwner(
    user: AuthUser,
    organizationId: string,
    requirement: Omit<MemberRequirement, 'roles'> = {},
  ): Promise<Organization> {
    const organization = await this.assertMember(user, organizationId, requirement);
    if (user.isPlatformAdmin) return organization;
    const membership = await this.unitOfWork.em.findOne(Membership, { organization: organizationId, user: user.id });
    if (membership?.role !== MembershipRole.OWNER) {
      this.logger.warn({ event: 'authorization.refused', userId: user.id, organizationId }, 'Not an owner');
      throw new AppError(ErrorCode.FORBIDDEN, "Only the organization's owners may do this.");
    }
    return organization;
  }

  /** The caller's role in the organization, undefined if not a member. */
  async roleOf(user: AuthUser, organizationId: string): Promise<MembershipRole | undefined> {
    if (!isUuid(organizationId)) return undefined;
    return (await this.unitOfWork.em.findOne(Membership, { organization: organizationId, user: user.id }))?.role;
  }

  async isMember(user: AuthUser, organizationId: string): Promise<boolean> {
    if (user.isPlatformAdmin) return true;
    if (!isUuid(organizationId)) return false;
    return (await this.unitOfWork.em.count(Membership, { organization: organizationId, user: user.id })) > 0;
  }
}

/**
 * The user's membership of the organization, with the organization: on PostgreSQL outside a transaction as a prepared
 * statement, the organization made into the managed entity `em.findOne` would answer (issue #24: every placeOrder and
 * most mutations ask; the ORM built the statement and PostgreSQL planned it each time), elsewhere through `em.findOne`.
 */
export async function membershipOf(
  em: EntityManager,
  userId: string,
  organizationId: string,
): Promise<{ role: MembershipRole; organization: Organization } | null> {
  if (!preparesStatements(em))
    return em.findOne(Membership, { organization: organizationId, user: userId }, { populate: ['organization'] });
  const metadata = em.getMetadata();
  const [row] = await queryPrepared<Record<string, unknown>>(
    em,
    `select m.role as membership_role, ${entityColumnsSql(em, Organization, 'o')}
     from ${metadata.get(Membership).tableName} m join ${metadata.get(Organization).tableName} o on o.id = m.organization_id
     where m.organization_id = $1 and m.user_id = $2`,
    [organizationId, userId],
  );
  if (!row) return null;
  const { membership_role: role, ...columns } = row;
  return { role: role as MembershipRole, organization: em.map(Organization, columns) };
}
