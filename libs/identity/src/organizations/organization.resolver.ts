import { type CanActivate, type ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { Args, GqlExecutionContext, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AppError, ErrorCode } from '@app/platform';
import type { AuthenticatedRequest, AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateOrganizationInput, OrganizationMemberType, OrganizationType } from '../dto/identity.types';
import type { Organization } from '../entities/organization.entity';
import { AccessPolicy } from './access-policy.service';
import { OrganizationService } from './organization.service';

/** Field-level: an organization's members are shown to its own members only, whatever path led to it. */
@Injectable()
export class OrganizationMemberGuard implements CanActivate {
  constructor(private readonly policy: AccessPolicy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const gql = GqlExecutionContext.create(context);
    const organization = gql.getRoot<Organization>();
    const user = gql.getContext<{ req: AuthenticatedRequest }>().req.authUser;
    if (user && (await this.policy.isMember(user, organization.id))) return true;
    throw new AppError(ErrorCode.FORBIDDEN, "Only the organization's members may see this.");
  }
}

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly policy: AccessPolicy,
  ) {}

  @Mutation(() => OrganizationType, { description: 'Creates an organization; the caller becomes its OWNER.' })
  createOrganization(@CurrentUser() user: AuthUser, @Args('input') input: CreateOrganizationInput) {
    return this.organizations.create(user, input);
  }

  @Query(() => OrganizationType, { nullable: true, description: 'An organization the caller is a member of.' })
  organization(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.policy.assertMember(user, id);
  }

  @UseGuards(OrganizationMemberGuard)
  @ResolveField(() => [OrganizationMemberType])
  members(@Parent() organization: Organization) {
    return this.organizations.membersOf(organization.id);
  }
}
