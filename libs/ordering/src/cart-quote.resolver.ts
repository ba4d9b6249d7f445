import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PublicProducers, producerForViewerLoader } from '@app/catalog';
import { type AuthUser, CurrentUser, type Organization, OrganizationType } from '@app/identity';
import { type GraphqlContext, Public } from '@app/platform';
import { CartQuoteService } from './checkout/cart-quote.service';
import { DeliveryDateFootprintService } from './checkout/delivery-date-footprints.service';
import {
  CartQuoteProducerType,
  CartQuoteType,
  DeliveryDateFootprintType,
  DeliveryDateFootprintsInput,
  QuoteCartInput,
} from './dto/cart-quote.types';

@Resolver(() => CartQuoteType)
export class CartQuoteResolver {
  constructor(
    private readonly quotes: CartQuoteService,
    private readonly dateFootprints: DeliveryDateFootprintService,
  ) {}

  @Public()
  @Query(() => CartQuoteType, {
    description:
      "A cart priced before it is ordered, as placeOrder would price it: each producer's lines, fee, minimum, problems and carbon estimate. Problems are reported, not thrown; only malformed input is refused. Signed in with buyerOrganizationId: that business's B2B prices.",
  })
  quoteCart(@CurrentUser() user: AuthUser | null, @Args('input') input: QuoteCartInput) {
    return this.quotes.quote(user, input);
  }

  @Public()
  @Query(() => [DeliveryDateFootprintType], {
    description:
      "For each next open date of a producer's own delivery option, the cart's estimated footprint in that day's planned round and its marginal footprint (CARBON-METHOD §7.3); the lowest is the pooling day. Signed in with buyerOrganizationId: delivered to that business.",
  })
  deliveryDateFootprints(
    @CurrentUser() user: AuthUser | null,
    @Args('input') input: DeliveryDateFootprintsInput,
    @Args('first', { type: () => Int, defaultValue: 4 }) first = 4,
  ) {
    return this.dateFootprints.footprints(user, input, first);
  }
}

/**
 * A quoted cart's producer, as the caller may see it: anyone may quote a cart, so the producer is shown by the
 * public-position rule (issue #20 item 11) unless the caller is one of its members (the quote itself is computed from
 * the exact position).
 */
@Resolver(() => CartQuoteProducerType)
export class CartQuoteProducerResolver {
  constructor(private readonly producers: PublicProducers) {}

  @ResolveField(() => OrganizationType)
  producer(
    @Parent() part: { producer: Organization },
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    return producerForViewerLoader(context, this.producers, user).load(part.producer.id);
  }
}
