import { Args, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser } from '@app/identity';
import { Public } from '@app/platform';
import { CartQuoteService } from './checkout/cart-quote.service';
import { CartQuoteType, QuoteCartInput } from './dto/cart-quote.types';

@Resolver(() => CartQuoteType)
export class CartQuoteResolver {
  constructor(private readonly quotes: CartQuoteService) {}

  @Public()
  @Query(() => CartQuoteType, {
    description:
      "A cart priced before it is ordered, as placeOrder would price it: each producer's lines, fee, minimum, problems and carbon estimate. Problems are reported, not thrown; only malformed input is refused. Signed in with buyerOrganizationId: that business's B2B prices.",
  })
  quoteCart(@CurrentUser() user: AuthUser | null, @Args('input') input: QuoteCartInput) {
    return this.quotes.quote(user, input);
  }
}
