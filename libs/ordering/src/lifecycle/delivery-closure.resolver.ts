import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { DeliveryOptionType } from '@app/catalog';
import { type AuthUser, CurrentUser } from '@app/identity';
import { DateScalar } from '@app/platform';
import { DeliveryClosureService } from './delivery-closure.service';

@Resolver(() => DeliveryOptionType)
export class DeliveryClosureResolver {
  constructor(private readonly closures: DeliveryClosureService) {}

  @Mutation(() => DeliveryOptionType, {
    description:
      'A member of the producer closes one delivery day of an active option (holidays, a day off): buyers can no longer choose it (reason CLOSED), standing orders skip it. The day must be one of its weekdays whose orders are still open, with no order placed for it (BAD_USER_INPUT on date, reason ORDERS_PLACED: move them first). Closing a closed day changes nothing.',
  })
  closeDeliveryDate(
    @CurrentUser() user: AuthUser,
    @Args('deliveryOptionId', { type: () => ID }) deliveryOptionId: string,
    @Args('date', { type: () => DateScalar }) date: string,
  ) {
    return this.closures.close(user, deliveryOptionId, date);
  }

  @Mutation(() => DeliveryOptionType, {
    description: 'Opens a closed delivery day again; a day not closed changes nothing.',
  })
  reopenDeliveryDate(
    @CurrentUser() user: AuthUser,
    @Args('deliveryOptionId', { type: () => ID }) deliveryOptionId: string,
    @Args('date', { type: () => DateScalar }) date: string,
  ) {
    return this.closures.reopen(user, deliveryOptionId, date);
  }
}
