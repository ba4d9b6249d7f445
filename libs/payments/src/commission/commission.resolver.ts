import {
  Args,
  Context,
  Field,
  Float,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { type AuthUser, AuthService, CurrentUser, UserType } from '@app/identity';
import { byKeys, type GraphqlContext, requestLoader } from '@app/platform';
import { CommissionService, type CurrentCommission } from './commission.service';

@ObjectType('CommissionRate', {
  description: "The platform's share of card payments: the latest rate an admin set, or the setting.",
})
export class CommissionRateType {
  @Field(() => Date, {
    nullable: true,
    description: 'When an admin set it; null while the setting PLATFORM_COMMISSION_RATE applies.',
  })
  setAt?: Date | null;
}

/** Platform admins: read and set the commission (payments started afterwards take the new rate). */
@Resolver(() => CommissionRateType)
export class CommissionResolver {
  constructor(
    private readonly commission: CommissionService,
    private readonly users: AuthService,
  ) {}

  @Query(() => CommissionRateType, { description: 'Platform admins: the commission card payments started now take.' })
  commissionRate(@CurrentUser() user: AuthUser) {
    return this.commission.currentFor(user);
  }

  @Mutation(() => CommissionRateType, {
    description:
      'Platform admins: the commission (0 to 0.5) for card payments started from now on; recorded with who and when.',
  })
  setCommissionRate(@CurrentUser() user: AuthUser, @Args('rate', { type: () => Float }) rate: number) {
    return this.commission.set(user, rate);
  }

  @ResolveField(() => Float, { description: '0.05 = 5 %.' })
  rate(@Parent() commission: CurrentCommission) {
    return commission.basisPoints / 10_000;
  }

  @ResolveField(() => UserType, { nullable: true, description: 'The admin who set it.' })
  setBy(@Parent() commission: CurrentCommission, @Context() context: GraphqlContext) {
    if (!commission.setById) return null;
    return requestLoader(context, 'user-by-id', async (ids: readonly string[]) =>
      byKeys(ids, await this.users.findUsersByIds(ids), (user) => user.id),
    ).load(commission.setById);
  }
}
