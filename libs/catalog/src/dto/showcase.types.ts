import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { MediaType } from '@app/identity';
import { PageInfoType } from '@app/platform';
import { ProductCategory } from '../entities/product.entity';
import { NearInput } from './catalog.types';

@ObjectType('ProductImage', { description: 'A photo of a product, served as WebP at a few widths.' })
export class ProductImageType {
  @Field(() => ID) id!: string;
  @Field({ description: 'What the photo shows, for those who cannot see it.' }) alt!: string;
  @Field(() => Int, { description: 'Of the widest file.' }) width!: number;
  @Field(() => Int) height!: number;
  @Field(() => [Int], { description: 'The widths of its files, ascending: for srcset.' }) widths!: number[];
}

@ObjectType('Producer', {
  description:
    "A producer's public profile (the directory and its page): never its members, its bank state, nor its street address unless it sells on site.",
})
export class ProducerType {
  @Field(() => ID) id!: string;
  @Field() slug!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => MediaType, { nullable: true }) logo?: MediaType | null;
  @Field(() => String, { nullable: true, description: 'Its commune.' }) city?: string | null;
  @Field() postalCode!: string;
  @Field(() => String, { nullable: true }) departmentCode?: string | null;
  @Field({ description: 'It has a pickup point at its address: then its street address is shown.' })
  sellsOnSite!: boolean;
  @Field(() => String, { nullable: true, description: 'The street address, only when it sells on site.' })
  streetAddress?: string | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Its position for the map: exact when it sells on site, else its commune.',
  })
  latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Its phone number, E.164 (+33555521429): public, a producer publishes it for its buyers.',
  })
  phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Its contact e-mail: public, like `phone`.' })
  contactEmail?: string | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Great-circle km from filter.near (to the position above), when given.',
  })
  distanceKm?: number | null;
}

@ObjectType('ProducerEdge')
export class ProducerEdgeType {
  @Field() cursor!: string;
  @Field(() => ProducerType) node!: ProducerType;
}

@ObjectType('ProducerConnection')
export class ProducerConnectionType {
  @Field(() => [ProducerEdgeType]) edges!: ProducerEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class ProducerFilter {
  @Field(() => String, { nullable: true, description: 'Words of its name, commune or description.' }) text?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Producers approved by this brand.' }) brandSlug?: string | null;
  @Field(() => NearInput, { nullable: true, description: 'Within radiusKm: sorted by distance, with distanceKm.' })
  near?: NearInput | null;
}

@ObjectType('ProducerCategory', {
  description: 'What a producer makes: a category and how many of its products on sale are in it.',
})
export class ProducerCategoryType {
  @Field(() => ProductCategory) category!: ProductCategory;
  @Field(() => Int) productCount!: number;
}
