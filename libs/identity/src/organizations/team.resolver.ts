import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AppError, ErrorCode, GqlThrottlerGuard, Public } from '@app/platform';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { InvitationPreviewType, InvitationType, MembershipType, OrganizationType } from '../dto/identity.types';
import { MembershipRole } from '../entities/membership.entity';
import type { Organization } from '../entities/organization.entity';
import { AccessPolicy } from './access-policy.service';
import { TeamService } from './team.service';

/** Teams: invitations, acceptance and removal of members (PRODUCT.md §7). */
@Resolver(() => OrganizationType)
export class TeamResolver {
  constructor(
    private readonly team: TeamService,
    private readonly policy: AccessPolicy,
  ) {}

  @Mutation(() => InvitationType, {
    description: 'Owners only: e-mails an invitation bound to this address (valid 7 days, once).',
  })
  inviteMember(
    @CurrentUser() user: AuthUser,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('email') email: string,
    @Args('role', { type: () => MembershipRole }) role: MembershipRole,
  ) {
    return this.team.invite(user, organizationId, email, role);
  }

  @UseGuards(GqlThrottlerGuard)
  @Mutation(() => MembershipType, {
    description: "Joins the invitation's organization; the caller must be signed in with the invited address.",
  })
  acceptInvitation(@CurrentUser() user: AuthUser, @Args('token') token: string) {
    return this.team.accept(user, token);
  }

  @Mutation(() => Boolean, {
    description: 'Owners only: the member loses access at their next request. The last owner cannot be removed.',
  })
  removeMember(
    @CurrentUser() user: AuthUser,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('userId', { type: () => ID }) userId: string,
  ) {
    return this.team.remove(user, organizationId, userId);
  }

  @Public()
  @UseGuards(GqlThrottlerGuard)
  @Query(() => InvitationPreviewType, {
    nullable: true,
    description: 'What an invitation link is for; null when it can no longer be accepted.',
  })
  invitation(@Args('token') token: string) {
    return this.team.preview(token);
  }

  @ResolveField(() => [InvitationType], { description: "Pending invitations; the organization's owners only." })
  async invitations(@Parent() organization: Organization, @CurrentUser() user: AuthUser | null) {
    const isOwner =
      user && (user.isPlatformAdmin || (await this.policy.roleOf(user, organization.id)) === MembershipRole.OWNER);
    if (!isOwner) throw new AppError(ErrorCode.FORBIDDEN, "Only the organization's owners may see its invitations.");
    return this.team.pendingInvitations(organization.id);
  }
}
