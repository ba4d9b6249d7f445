import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, OrganizationType } from '@app/identity';
import type { GraphqlContext } from '@app/platform';
import { BrandMembershipType } from '@app/territory';
import { PublicProducers, producerForViewerLoader } from './public-producers.service';

/**
 * A brand's member producer (public for the approved ones) is shown by the public-position rule (issue #20 item 11):
 * its exact address only to its own members and platform admins. Resolved here, where the rule lives, since the
 * territory context does not know whether a producer sells on site.
 */
@Resolver(() => BrandMembershipType)
export class BrandMemberProducerResolver {
  constructor(private readonly producers: PublicProducers) {}

  @ResolveField(() => OrganizationType, {
    description: 'The producer: its street and exact position only when it sells on site (else its commune).',
  })
  producer(
    @Parent() membership: { producerId: string },
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    return producerForViewerLoader(context, this.producers, user).load(membership.producerId);
  }
}
