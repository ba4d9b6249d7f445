import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AppError, GqlThrottlerGuard, type GraphqlContext, Public } from '@app/platform';
import { AuthPayloadType, LoginInput, MembershipType, RegisterInput, UserType } from '../dto/identity.types';
import type { User } from '../entities/user.entity';
import { OrganizationService } from '../organizations/organization.service';
import type { AuthenticatedRequest, AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';

@Resolver(() => UserType)
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly organizations: OrganizationService,
  ) {}

  @Public()
  @UseGuards(GqlThrottlerGuard)
  @Mutation(() => AuthPayloadType, { description: 'Creates an account and signs it in.' })
  register(@Args('input') input: RegisterInput, @Context() context: GraphqlContext) {
    return this.auth.register(input, (context.req as AuthenticatedRequest).ip);
  }

  @Public()
  @UseGuards(GqlThrottlerGuard)
  @Mutation(() => AuthPayloadType)
  login(@Args('input') input: LoginInput, @Context() context: GraphqlContext) {
    return this.auth.login(input, (context.req as AuthenticatedRequest).ip);
  }

  @Public()
  @UseGuards(GqlThrottlerGuard)
  @Mutation(() => AuthPayloadType, {
    description:
      'Spends a refresh token for a new access token and refresh token. A session ends 30 days after its sign-in (12 hours for platform admins and brand managers), whatever the refreshes: then UNAUTHENTICATED.',
  })
  refreshSession(@Args('refreshToken') refreshToken: string) {
    return this.auth.refresh(refreshToken);
  }

  @Mutation(() => Boolean, { description: "Ends the refresh token's session; the current access tokens stop working." })
  logout(@CurrentUser() user: AuthUser, @Args('refreshToken') refreshToken: string) {
    return this.auth.logout(user.id, refreshToken);
  }

  @Query(() => UserType)
  async me(@CurrentUser() user: AuthUser): Promise<Pick<User, 'id' | 'email' | 'displayName'>> {
    const found = await this.auth.findUser(user.id);
    if (!found) throw AppError.notFound('User');
    return found;
  }

  @ResolveField(() => [MembershipType])
  memberships(@Parent() user: User, @CurrentUser() caller: AuthUser | null) {
    // A user's organizations are shown to that user only (and to platform admins).
    if (!caller || (caller.id !== user.id && !caller.isPlatformAdmin)) return [];
    return this.organizations.membershipsOf([user.id]);
  }
}
