import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  type AuditEntry,
  byKeys,
  connectionOf,
  type GraphqlContext,
  type OutboxDelivery,
  requestLoader,
} from '@app/platform';
import type { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { CurrentUser } from '../auth/current-user.decorator';
import { UserType } from '../dto/identity.types';
import { OrganizationKind, OrganizationVerificationStatus } from '../entities/organization.entity';
import { OrganizationType } from '../dto/identity.types';
import {
  OrganizationVerificationService,
  type VerificationDecision,
} from '../organizations/organization-verification.service';
import { AdminSupportService } from './admin-support.service';
import {
  AdminOrganizationConnectionType,
  AdminUserConnectionType,
  AdminUserType,
  AuditEntryConnectionType,
  AuditEntryType,
  FailedJobConnectionType,
  OrganizationVerificationDecision,
  RetriedJobType,
} from './admin.types';

const failedJob = (delivery: OutboxDelivery) => ({ ...delivery, id: String(delivery.id) });

/** Support: platform admins only (FORBIDDEN for anyone else). */
@Resolver()
export class AdminResolver {
  constructor(
    private readonly admin: AdminSupportService,
    private readonly verification: OrganizationVerificationService,
  ) {}

  @Query(() => AdminOrganizationConnectionType, {
    description:
      'Platform admins: organizations by name, SIRET or slug, newest first; verificationStatus UNVERIFIED lists those awaiting a decision.',
  })
  async adminOrganizations(
    @CurrentUser() user: AuthUser,
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
    @Args('kind', { type: () => OrganizationKind, nullable: true }) kind?: OrganizationKind | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('verificationStatus', { type: () => OrganizationVerificationStatus, nullable: true })
    verificationStatus?: OrganizationVerificationStatus | null,
  ) {
    return connectionOf(await this.admin.organizations(user, search, kind, first, after, verificationStatus));
  }

  @Mutation(() => OrganizationType, {
    description:
      'Platform admins: decides whether the organization is the company its SIRET names (issue #20 item 5). Verifying one claim of a SIRET rejects the others; the reason goes to the audit log and to its members by e-mail.',
  })
  verifyOrganization(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('decision', { type: () => OrganizationVerificationDecision }) decision: OrganizationVerificationDecision,
    @Args('reason') reason: string,
  ) {
    return this.verification.decide(user, id, decision as unknown as VerificationDecision, reason);
  }

  @Query(() => AdminUserConnectionType, { description: 'Platform admins: accounts by e-mail or name, newest first.' })
  async adminUsers(
    @CurrentUser() user: AuthUser,
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return connectionOf(await this.admin.users(user, search, first, after));
  }

  @Mutation(() => AdminUserType, {
    description:
      'Platform admins: disables an account and ends its sessions at once; the reason goes to the audit log.',
  })
  disableUser(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.admin.disableUser(user, id, reason);
  }

  @Mutation(() => AdminUserType, {
    description:
      'Platform admins: erases the second factor of someone who lost it (authenticator and recovery codes), once support has checked who they are, and ends their sessions; signing in again they set up a new one. The owner is told by e-mail; the reason goes to the audit log.',
  })
  resetSecondFactor(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.admin.resetSecondFactor(user, id, reason);
  }

  @Query(() => FailedJobConnectionType, {
    description: 'Platform admins: the background jobs given up, newest failure first.',
  })
  async failedJobs(
    @CurrentUser() user: AuthUser,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    const page = await this.admin.failedJobsPage(user, first, after);
    return connectionOf({ ...page, items: page.items.map(failedJob) });
  }

  @Mutation(() => RetriedJobType, {
    description: 'Platform admins: runs a failed job again (its attempts start from zero).',
  })
  async retryJob(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return failedJob(await this.admin.retryJob(user, id));
  }

  @Query(() => AuditEntryConnectionType, {
    description: 'Platform admins: every admin action and role change, newest first.',
  })
  async auditLog(
    @CurrentUser() user: AuthUser,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return connectionOf(await this.admin.auditLog(user, first, after));
  }
}

@Resolver(() => AuditEntryType)
export class AuditEntryResolver {
  constructor(private readonly users: AuthService) {}

  @ResolveField(() => ID)
  id(@Parent() entry: AuditEntry) {
    return String(entry.id);
  }

  @ResolveField(() => String)
  details(@Parent() entry: AuditEntry) {
    return JSON.stringify(entry.details ?? {});
  }

  @ResolveField(() => UserType, { nullable: true })
  actor(@Parent() entry: AuditEntry, @Context() context: GraphqlContext) {
    if (!entry.actorId) return null;
    return requestLoader(context, 'user-by-id', async (ids: readonly string[]) =>
      byKeys(ids, await this.users.findUsersByIds(ids), (user) => user.id),
    ).load(entry.actorId);
  }
}

/** Whether an account is a platform admin: told to the account itself (the web's header) and to admins, to no one else. */
@Resolver(() => UserType)
export class UserAdminFlagResolver {
  @ResolveField(() => Boolean, {
    nullable: true,
    description: 'Whether this account is a platform admin; null unless it is the caller or the caller is an admin.',
  })
  isPlatformAdmin(@Parent() user: { id: string; isPlatformAdmin?: boolean }, @CurrentUser() caller: AuthUser | null) {
    if (!caller || (caller.id !== user.id && !caller.isPlatformAdmin)) return null;
    return user.isPlatformAdmin ?? (caller.id === user.id ? caller.isPlatformAdmin : null);
  }
}
