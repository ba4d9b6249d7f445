import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Product, ProductService, ProductType } from '@app/catalog';
import { type AuthUser, CurrentUser, organizationLoader, OrganizationService, OrganizationType } from '@app/identity';
import { byKeys, checkedFirst, DateScalar, type GraphqlContext, requestLoader } from '@app/platform';
import type { StandingLine, StandingOrder } from './standing-order.entity';
import { StandingOrderService } from './standing-order.service';
import {
  CreateStandingOrderInput,
  StandingOrderLineType,
  StandingOrderOccurrenceType,
  StandingOrderType,
} from './standing-order.types';

@Resolver(() => StandingOrderType)
export class StandingOrderResolver {
  constructor(
    private readonly service: StandingOrderService,
    private readonly organizations: OrganizationService,
  ) {}

  @Mutation(() => StandingOrderType, {
    description: "A business's standing order, checked as placeOrder would check its first occurrence (but the stock).",
  })
  createStandingOrder(@CurrentUser() user: AuthUser, @Args('input') input: CreateStandingOrderInput) {
    return this.service.create(user, input);
  }

  @Mutation(() => StandingOrderType, { description: 'Stops placing its occurrences until resumed (ACTIVE → PAUSED).' })
  pauseStandingOrder(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.move(user, id, 'pause');
  }

  @Mutation(() => StandingOrderType, {
    description: 'Places its occurrences again from the next one due (PAUSED → ACTIVE).',
  })
  resumeStandingOrder(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.move(user, id, 'resume');
  }

  @Mutation(() => StandingOrderType, { description: 'Ends it for good; the orders already placed stay.' })
  endStandingOrder(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.move(user, id, 'end');
  }

  @Query(() => [StandingOrderType], {
    description: "The organization's standing orders, newest first, for its members.",
  })
  standingOrders(@CurrentUser() user: AuthUser, @Args('organizationId', { type: () => ID }) organizationId: string) {
    return this.service.list(user, organizationId);
  }

  @Query(() => StandingOrderType, {
    description: 'A standing order, for the members of its organization (NOT_FOUND for anyone else).',
  })
  standingOrder(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.readable(user, id);
  }

  @ResolveField(() => OrganizationType, { nullable: true })
  buyerOrganization(@Parent() standing: StandingOrder, @Context() context: GraphqlContext) {
    return organizationLoader(context, this.organizations).load(standing.buyerOrganizationId);
  }

  @ResolveField(() => [DateScalar], {
    description: 'Its next delivery dates whose orders are still open, soonest first (none unless ACTIVE).',
  })
  nextOccurrences(
    @Parent() standing: StandingOrder,
    @Args('first', { type: () => Int, defaultValue: 4 }) first: number,
  ) {
    return this.service.upcoming(standing, checkedFirst(first));
  }

  @ResolveField(() => [StandingOrderOccurrenceType], {
    description: 'Its latest occurrences, placed or skipped with the reason, latest date first.',
  })
  occurrences(@Parent() standing: StandingOrder, @Args('first', { type: () => Int, defaultValue: 10 }) first: number) {
    return this.service.occurrences(standing.id, checkedFirst(first));
  }
}

@Resolver(() => StandingOrderLineType)
export class StandingOrderLineResolver {
  constructor(private readonly products: ProductService) {}

  @ResolveField(() => ProductType, { nullable: true, description: 'The product as the catalog shows it now.' })
  product(@Parent() line: StandingLine, @Context() context: GraphqlContext) {
    return requestLoader<string, Product | null>(context, 'standing-line-product', async (ids) =>
      byKeys(ids, await this.products.findByIds(ids), (product) => product.id),
    ).load(line.productId);
  }
}
