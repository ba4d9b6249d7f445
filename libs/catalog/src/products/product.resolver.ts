import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, OrganizationType } from '@app/identity';
import { type GraphqlContext, Public, requestLoader } from '@app/platform';
import { mediaUrl } from '@app/identity';
import { ProductImageType } from '../dto/showcase.types';
import type { ProductImage } from '../entities/product-image.entity';
import { ProductImageService } from './product-image.service';
import { BrandService, BrandType } from '@app/territory';
import { DeliveryOptionService } from '../delivery/delivery-option.service';
import { primeLoaders, shownLabelsLoader } from '../search/catalog-read-model';
import { PublicProducers, publicProducerLoader } from '../producers/public-producers.service';
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
    private readonly publicProducers: PublicProducers,
    private readonly imageService: ProductImageService,
    private readonly brands: BrandService,
    private readonly deliveryOptions: DeliveryOptionService,
  ) {}

  /** The read model's rows handed to this request's loaders (nothing on SQLite, where the loaders read them). */
  private prime(context: GraphqlContext, products: Product[]) {
    primeLoaders(
      context,
      {
        publicProducers: this.publicProducers,
        labels: this.labelService,
        brands: this.brands,
        deliveryOptions: this.deliveryOptions,
      },
      products,
    );
  }

  @Public()
  @Query(() => ProductConnectionType, { description: 'The catalog: active products, filtered, sorted and paged.' })
  async products(
    @Context() context: GraphqlContext,
    @Args('filter', { type: () => ProductFilter, nullable: true }) filter?: ProductFilter | null,
    @Args('sort', { type: () => ProductSort, defaultValue: ProductSort.RELEVANCE }) sort = ProductSort.RELEVANCE,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    const page = await this.searchService.search((filter ?? {}) as ProductFilterValues, sort, first, after);
    this.prime(context, page.products);
    return toConnection(page);
  }

  @Public()
  @Query(() => ProductType, { nullable: true })
  async product(@Args('id', { type: () => ID }) id: string, @Context() context: GraphqlContext) {
    const product = await this.searchService.activeProduct(id);
    if (product) this.prime(context, [product]);
    return product;
  }

  @Public()
  @Query(() => ProductType, {
    nullable: true,
    description: 'An active product by its slug (slugs never change: a link stays valid after a rename).',
  })
  async productBySlug(@Args('slug') slug: string, @Context() context: GraphqlContext) {
    const product = await this.searchService.activeProductBySlug(slug);
    if (product) this.prime(context, [product]);
    return product;
  }

  @Mutation(() => ProductType, {
    description: "Shows one of the producer's media (POST /media) as a photo of the product, last.",
  })
  addProductImage(
    @CurrentUser() user: AuthUser,
    @Args('productId', { type: () => ID }) productId: string,
    @Args('mediaId', { type: () => ID }) mediaId: string,
    @Args('alt', { description: 'What the photo shows, for those who cannot see it.' }) alt: string,
  ) {
    return this.imageService.add(user, productId, mediaId, alt);
  }

  @Mutation(() => ProductType, { description: 'Removes a photo from its product (the others keep their order).' })
  removeProductImage(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.imageService.remove(user, id);
  }

  @Mutation(() => ProductType, {
    description: "Moves a photo to `position` (0 first: the product's picture on cards).",
  })
  moveProductImage(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('position', { type: () => Int }) position: number,
  ) {
    return this.imageService.move(user, id, position);
  }

  @ResolveField(() => [ProductImageType], { description: "Its photos, in the producer's order." })
  images(@Parent() product: Product, @Context() context: GraphqlContext) {
    return this.imagesOf(product, context);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "Its first photo's file of the narrowest width at least `width` (null without photos): what a list of products shows, cheaper than images.",
  })
  async coverUrl(
    @Parent() product: Product,
    @Context() context: GraphqlContext,
    @Args('width', { type: () => Int, nullable: true }) width?: number | null,
  ) {
    const [cover] = await this.imagesOf(product, context);
    return cover ? mediaUrl({ id: cover.mediaId, widths: cover.widths }, width) : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "Its first photo's alternative text (null without photos).",
  })
  async coverAlt(@Parent() product: Product, @Context() context: GraphqlContext) {
    const [cover] = await this.imagesOf(product, context);
    return cover?.alt ?? null;
  }

  private imagesOf(product: Product, context: GraphqlContext): Promise<ProductImage[]> {
    return requestLoader(context, 'images-by-product', (ids: readonly string[]) =>
      this.imageService.imagesOf(ids),
    ).load(product.id);
  }

  @Mutation(() => ProductType)
  createProduct(@CurrentUser() user: AuthUser, @Args('input') input: CreateProductInput) {
    return this.productService.create(user, input);
  }

  @Mutation(() => ProductType)
  updateProduct(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateProductInput,
  ) {
    return this.productService.update(user, id, input);
  }

  @Mutation(() => ProductType)
  setStock(
    @CurrentUser() user: AuthUser,
    @Args('productId', { type: () => ID }) productId: string,
    @Args('stock', { type: () => Float }) stock: number,
  ) {
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
    return product.b2bPriceTiers.map((tier) => ({
      minQuantity: fromThousandths(tier.minQuantityThousandths),
      unitPriceCents: tier.unitPriceCents,
    }));
  }

  @ResolveField(() => OrganizationType, {
    description:
      "Its producer as the public sees it: a producer that does not sell on site shows its commune's centre and no street (address.precision COMMUNE).",
  })
  producer(@Parent() product: Product, @Context() context: GraphqlContext) {
    return publicProducerLoader(context, this.publicProducers).load(product.producerId);
  }

  @ResolveField(() => [ProductLabelType], {
    description: 'The brand labels it carries (approved, membership approved).',
  })
  labels(@Parent() product: Product, @Context() context: GraphqlContext) {
    return shownLabelsLoader(context, this.labelService).load(product.id);
  }
}

@Resolver(() => ProductImageType)
export class ProductImageResolver {
  @ResolveField(() => String, {
    description: 'The WebP file of the narrowest width at least `width` (the widest without it).',
  })
  url(@Parent() image: ProductImage, @Args('width', { type: () => Int, nullable: true }) width?: number | null) {
    return mediaUrl({ id: image.mediaId, widths: image.widths }, width);
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
