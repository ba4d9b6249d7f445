import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, type Organization, OrganizationType } from '@app/identity';
import { type GraphqlContext, requestLoader } from '@app/platform';
import { CreateDeliveryOptionInput, DeliveryOptionType } from '../dto/catalog.types';
import { DeliveryOptionService } from './delivery-option.service';

@Resolver(() => DeliveryOptionType)
export class DeliveryOptionResolver {
  constructor(private readonly options: DeliveryOptionService) {}

  @Mutation(() => DeliveryOptionType)
  createDeliveryOption(@CurrentUser() user: AuthUser, @Args('input') input: CreateDeliveryOptionInput) {
    return this.options.create(user, input);
  }
}

/** A producer's delivery options, for the buyer choosing one at checkout. */
@Resolver(() => OrganizationType)
export class OrganizationDeliveryOptionsResolver {
  constructor(private readonly options: DeliveryOptionService) {}

  @ResolveField(() => [DeliveryOptionType], { description: "A producer's active delivery options." })
  deliveryOptions(@Parent() organization: Organization, @Context() context: GraphqlContext) {
    return requestLoader(context, 'delivery-options-by-producer', async (ids: readonly string[]) => {
      const options = await this.options.ofProducers(ids);
      return ids.map((id) => options.filter((option) => option.producerId === id));
    }).load(organization.id);
  }
}
