import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser } from '@app/identity';
import { byKeys, type GraphqlContext, requestLoader } from '@app/platform';
import { BrandService, BrandType } from '@app/territory';
import { ProductLabelType, ProductType } from '../dto/catalog.types';
import type { ProductLabel } from '../entities/product-label.entity';
import { ProductService } from '../products/product.service';
import { ProductLabelService } from './product-label.service';

@Resolver(() => ProductLabelType)
export class ProductLabelResolver {
  constructor(
    private readonly labels: ProductLabelService,
    private readonly products: ProductService,
    private readonly brands: BrandService,
  ) {}

  @Mutation(() => ProductLabelType, { description: "A producer asks for a brand's label on one of its products." })
  requestProductLabel(
    @CurrentUser() user: AuthUser,
    @Args('productId', { type: () => ID }) productId: string,
    @Args('brandId', { type: () => ID }) brandId: string,
  ) {
    return this.labels.request(user, productId, brandId);
  }

  @Mutation(() => ProductLabelType, { description: 'The brand approves or refuses a label, or withdraws it (approve: false).' })
  decideProductLabel(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('approve') approve: boolean,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ) {
    return this.labels.decide(user, id, approve, reason);
  }

  @ResolveField(() => ProductType)
  product(@Parent() label: ProductLabel, @Context() context: GraphqlContext) {
    return requestLoader(context, 'product-by-id', async (ids: readonly string[]) =>
      byKeys(ids, await this.products.findByIds(ids), (product) => product.id),
    ).load(label.product.id);
  }

  @ResolveField(() => BrandType)
  brand(@Parent() label: ProductLabel, @Context() context: GraphqlContext) {
    return requestLoader(context, 'brand-by-id', async (ids: readonly string[]) =>
      byKeys(ids, await this.brands.findByIds(ids), (brand) => brand.id),
    ).load(label.brandId);
  }
}
