import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MediaService, MediaType, mediaLoader } from '@app/identity';
import { type GraphqlContext, Public, requestLoader } from '@app/platform';
import { BrandType } from '@app/territory';
import { ProductConnectionType } from '../dto/catalog.types';
import { ProducerCategoryType, ProducerConnectionType, ProducerFilter, ProducerType } from '../dto/showcase.types';
import { toConnection } from '../products/product.resolver';
import { ProductSort } from '../search/product-cursor';
import { ProductSearchService } from '../search/product-search.service';
import { ProducerDirectoryService, type PublicProducer } from './producer-directory.service';
import { ProducerShowcaseService } from './producer-showcase.service';

@Resolver(() => ProducerType)
export class ProducerResolver {
  constructor(
    private readonly directory: ProducerDirectoryService,
    private readonly showcase: ProducerShowcaseService,
    private readonly search: ProductSearchService,
    private readonly media: MediaService,
  ) {}

  @Public()
  @Query(() => ProducerType, { nullable: true, description: "A producer's public profile, by its slug." })
  producer(@Args('slug') slug: string) {
    return this.directory.bySlug(slug);
  }

  @Public()
  @Query(() => ProducerConnectionType, {
    description: 'The producers directory: by name, or by distance when filter.near is given.',
  })
  async producers(
    @Args('filter', { type: () => ProducerFilter, nullable: true }) filter?: ProducerFilter | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    const page = await this.directory.search(filter ?? {}, first, after);
    return {
      edges: page.producers.map((node, index) => ({ node, cursor: page.cursors[index] })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
      totalCount: page.totalCount,
    };
  }

  @ResolveField(() => MediaType, { nullable: true })
  logo(@Parent() producer: PublicProducer, @Context() context: GraphqlContext) {
    return producer.logoMediaId ? mediaLoader(context, this.media).load(producer.logoMediaId) : null;
  }

  @ResolveField(() => [ProducerCategoryType], {
    description: 'What it makes: the categories of its products on sale, the largest first.',
  })
  categories(@Parent() producer: PublicProducer, @Context() context: GraphqlContext) {
    return requestLoader(context, 'producer-categories', (ids: readonly string[]) =>
      this.showcase.categoriesOf(ids),
    ).load(producer.id);
  }

  @ResolveField(() => Int, { description: 'Its products on sale.' })
  async productCount(@Parent() producer: PublicProducer, @Context() context: GraphqlContext) {
    const categories = await requestLoader(context, 'producer-categories', (ids: readonly string[]) =>
      this.showcase.categoriesOf(ids),
    ).load(producer.id);
    return categories.reduce((total, category) => total + category.productCount, 0);
  }

  @ResolveField(() => [BrandType], { description: 'The territory brands that admitted it.' })
  brands(@Parent() producer: PublicProducer, @Context() context: GraphqlContext) {
    return requestLoader(context, 'producer-brands', (ids: readonly string[]) => this.showcase.brandsOf(ids)).load(
      producer.id,
    );
  }

  @ResolveField(() => ProductConnectionType, { description: 'Its products on sale, newest first.' })
  async products(
    @Parent() producer: PublicProducer,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return toConnection(await this.search.search({ producerId: producer.id }, ProductSort.NEWEST, first, after));
  }
}
