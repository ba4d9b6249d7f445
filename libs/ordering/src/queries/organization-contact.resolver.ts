import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, type Organization, OrganizationType } from '@app/identity';
import { type GraphqlContext, requestLoader } from '@app/platform';
import { ContactVisibility } from './contact-visibility';

/** How to reach an organization, on the organization: read through ContactVisibility, one batch a request. */
@Resolver(() => OrganizationType)
export class OrganizationContactResolver {
  constructor(private readonly visibility: ContactVisibility) {}

  @ResolveField(() => String, {
    nullable: true,
    description:
      "Its phone number, E.164 (+33555521429). A producer's is public (it publishes it for its buyers); a business's is read by its members, platform admins and the members of a producer it has ordered from: null for anyone else.",
  })
  async phone(
    @Parent() organization: Organization,
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    return organization.phone && (await this.readable(organization, user, context)) ? organization.phone : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The e-mail address to reach it: read by the same people as `phone`, null for anyone else.',
  })
  async contactEmail(
    @Parent() organization: Organization,
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    return organization.contactEmail && (await this.readable(organization, user, context))
      ? organization.contactEmail
      : null;
  }

  private readable(organization: Organization, user: AuthUser | null, context: GraphqlContext): Promise<boolean> {
    return requestLoader<Organization, boolean>(context, 'organization-contact-readable', (organizations) =>
      this.visibility.readable(user, organizations),
    ).load(organization);
  }
}
