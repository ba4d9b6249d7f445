import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, organizationLoader, OrganizationService, OrganizationType } from '@app/identity';
import { type GraphqlContext, Public, requestLoader } from '@app/platform';
import { BrandType } from '@app/territory';
import {
  CreateProductInput,
  PriceTierType,
  ProductConnectionType,
  ProductFilter,
  ProductLabelType,
  ProductType,
  UpdateProductInput,
} from '../dto/catalog.types';
import type { Product } from '../entities/product.entity';
import { ProductLabelService } from '../labels/product-label.service';
import { fromThousandths } from '../quantity';
import { ProductSort } from '../search/product-cursor';
import { type ProductFilterValues, type ProductPage, ProductSearchService } from '../search/product-search.service';
import { ProductService } from './product.service';

export function toConnection(page: ProductPage) {
  return {
    edges: page.products.map((node, index) => ({ node, cursor: page.cursors[index] })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
    totalCount: page.totalCount,
  };
}

@Resolver(() => ProductType)
export class ProductResolver {
  constructor(
    private readonly productService: ProductService,
    private readonly searchService: ProductSearchService,
    private readonly labelService: ProductLabelService,
    private readonly organizations: OrganizationService,
  ) {}

  @Public()
  @Query(() => ProductConnectionType, { description: 'The catalog: active products, filtered, sorted and paged.' })
  async products(
    @Args('filter', { type: () => ProductFilter, nullable: true }) filter?: ProductFilter | null,
    @Args('sort', { type: () => ProductSort, defaultValue: ProductSort.RELEVANCE }) sort = ProductSort.RELEVANCE,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return toConnection(await this.searchService.search((filter ?? {}) as ProductFilterValues, sort, first, after));
  }

  @Public()
  @Query(() => ProductType, { nullable: true })
  product(@Args('id', { type: () => ID }) id: string) {
    return this.productService.findActive(id);
  }

  @Mutation(() => ProductType)
  createProduct(@CurrentUser() user: AuthUser, @Args('input') input: CreateProductInput) {
    return this.productService.create(user, input);
  }

  @Mutation(() => ProductType)
  updateProduct(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateProductInput) {
    return this.productService.update(user, id, input);
  }

  @Mutation(() => ProductType)
  setStock(@CurrentUser() user: AuthUser, @Args('productId', { type: () => ID }) productId: string, @Args('stock', { type: () => Float }) stock: number) {
    return this.productService.setStock(user, productId, stock);
  }

  @ResolveField(() => Float, { description: 'Units in stock.' })
  stock(@Parent() product: Product) {
    return fromThousandths(product.stockThousandths);
  }

  @ResolveField(() => Boolean, { description: 'On sale and in stock.' })
  available(@Parent() product: Product) {
    return product.active && product.stockThousandths > 0;
  }

  @ResolveField(() => Float)
  minOrderQuantity(@Parent() product: Product) {
    return fromThousandths(product.minOrderThousandths);
  }

  @ResolveField(() => Float, { description: 'VAT rate, such as 0.055.' })
  vatRate(@Parent() product: Product) {
    return product.vatRateBasisPoints / 10_000;
  }

  @ResolveField(() => [PriceTierType])
  b2bPriceTiers(@Parent() product: Product) {
    return product.b2bPriceTiers.map((tier) => ({ minQuantity: fromThousandths(tier.minQuantityThousandths), unitPriceCents: tier.unitPriceCents }));
  }

  @ResolveField(() => Float, { nullable: true, description: 'Great-circle km from filter.near, when given.' })
  distanceKm(@Parent() product: Product & { distanceKm?: number }) {
    return product.distanceKm ?? null;
  }

  @ResolveField(() => OrganizationType)
  producer(@Parent() product: Product, @Context() context: GraphqlContext) {
    return organizationLoader(context, this.organizations).load(product.producerId);
  }

  @ResolveField(() => [ProductLabelType], { description: 'The brand labels it carries (approved, membership approved).' })
  labels(@Parent() product: Product, @Context() context: GraphqlContext) {
    return requestLoader(context, 'labels-by-product', async (ids: readonly string[]) => {
      const labels = await this.labelService.shownOn(ids);
      return ids.map((id) => labels.filter((label) => label.product.id === id));
    }).load(product.id);
  }
}

/** A brand's page lists the products carrying its label. */
@Resolver(() => BrandType)
export class BrandProductsResolver {
  constructor(private readonly searchService: ProductSearchService) {}

  @ResolveField(() => ProductConnectionType)
  async labelledProducts(
    @Parent() brand: { slug: string },
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return toConnection(await this.searchService.search({ brandSlug: brand.slug }, ProductSort.NEWEST, first, after));
  }
}
