import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { VEHICLE_CHOICES } from '@app/carbon';
import { type AuthUser, CurrentUser, type Organization, OrganizationType } from '@app/identity';
import { DateScalar, type GraphqlContext, Public, requestLoader } from '@app/platform';
import {
  CreateDeliveryOptionInput,
  DeliveryOptionType,
  UpdateDeliveryOptionInput,
  VehicleType,
} from '../dto/catalog.types';
import type { DeliveryOption } from '../entities/delivery-option.entity';
import { upcomingClosedDates } from './delivery-dates';
import { DeliveryOptionService } from './delivery-option.service';

@Resolver(() => DeliveryOptionType)
export class DeliveryOptionResolver {
  constructor(private readonly options: DeliveryOptionService) {}

  @Mutation(() => DeliveryOptionType)
  createDeliveryOption(@CurrentUser() user: AuthUser, @Args('input') input: CreateDeliveryOptionInput) {
    return this.options.create(user, input);
  }

  @Mutation(() => DeliveryOptionType, {
    description: "Changes an active option's terms; orders already placed keep theirs.",
  })
  updateDeliveryOption(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateDeliveryOptionInput,
  ) {
    return this.options.update(user, id, input);
  }

  @Mutation(() => DeliveryOptionType, { description: 'No longer offered to buyers; orders placed with it keep it.' })
  archiveDeliveryOption(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.options.archive(user, id);
  }

  @Public()
  @Query(() => [DateScalar], {
    description:
      'The next days a buyer may choose with this active option (Paris time), soonest first; empty without delivery days.',
  })
  nextDeliveryDates(
    @Args('deliveryOptionId', { type: () => ID }) deliveryOptionId: string,
    @Args('first', { type: () => Int, defaultValue: 6 }) first = 6,
  ) {
    return this.options.nextDates(deliveryOptionId, first);
  }

  @ResolveField('nextDeliveryDates', () => [DateScalar], {
    description: 'As the query nextDeliveryDates: the next days a buyer may choose, Paris time.',
  })
  nextDatesOf(@Parent() option: DeliveryOption, @Args('first', { type: () => Int, defaultValue: 6 }) first = 6) {
    return this.options.datesOf(option, first);
  }

  @ResolveField('closedDates', () => [DateScalar], {
    description:
      'Days of its weekdays the producer closed (closeDeliveryDate), from today on (Paris), ascending: no buyer may choose them.',
  })
  closedDatesOf(@Parent() option: DeliveryOption) {
    return upcomingClosedDates(option.closedDates ?? [], new Date());
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

/** The vehicles a delivery option may name, from the carbon factors file, for forms to offer by their French label. */
@Resolver(() => VehicleType)
export class VehicleResolver {
  @Public()
  @Query(() => [VehicleType], {
    description:
      "The vehicles of the carbon factors file, in its order: the ids a delivery option's vehicleId accepts, with their French labels.",
  })
  vehicles(): readonly VehicleType[] {
    return VEHICLE_CHOICES;
  }
}
