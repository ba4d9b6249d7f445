import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser } from '@app/identity';
import { connectionOf } from '@app/platform';
import { ProductConnectionType, ProductType } from '../dto/catalog.types';
import { ProductWithdrawalService } from './product-withdrawal.service';

@Resolver(() => ProductType)
export class ProductWithdrawalResolver {
  constructor(private readonly withdrawals: ProductWithdrawalService) {}

  @Query(() => [ProductType], {
    description:
      "The producer's withdrawn products (updateProduct with active: false), the most recently changed first; its members only.",
  })
  withdrawnProducts(
    @CurrentUser() user: AuthUser,
    @Args('producerId', { type: () => ID }) producerId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
  ) {
    return this.withdrawals.withdrawn(user, producerId, first);
  }

  @Query(() => ProductConnectionType, {
    description:
      'withdrawnProducts paged, for a producer with more than one page of them: the same order (the most recently changed first, then by id), totalCount the exact number withdrawn, and after an endCursor of this same list (BAD_USER_INPUT on field after otherwise). Its members only.',
  })
  async withdrawnProductsPage(
    @CurrentUser() user: AuthUser,
    @Args('producerId', { type: () => ID }) producerId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return connectionOf(await this.withdrawals.withdrawnPage(user, producerId, first, after));
  }

  @Mutation(() => ProductType, {
    description:
      'Puts a withdrawn product back on sale, as it was (stock, price, photos, labels). CONFLICT if it is on sale already.',
  })
  restoreProduct(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.withdrawals.restore(user, id);
  }
}
