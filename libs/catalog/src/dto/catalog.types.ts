import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CentsScalar, PageInfoType } from '@app/platform';
import { BrandMembershipStatus as LabelStatus } from '@app/territory';
import { DeliveryMode } from '../entities/delivery-option.entity';
import { Certification, ProductCategory, ProductUnit } from '../entities/product.entity';
import { ProductSort } from '../search/product-cursor';

registerEnumType(ProductCategory, {
  name: 'ProductCategory',
  description: 'The baseline categories of the carbon method.',
});
registerEnumType(ProductUnit, { name: 'ProductUnit' });
registerEnumType(Certification, { name: 'Certification' });
registerEnumType(DeliveryMode, { name: 'DeliveryMode' });
registerEnumType(ProductSort, {
  name: 'ProductSort',
  description: 'DISTANCE needs filter.near; RELEVANCE ranks by the text searched.',
});

const CIQUAL_DESCRIPTION =
  "The food's CIQUAL code (AGRIBALYSE's key, 3 to 6 digits): carried into buyers' RSE exports.";

@ObjectType('PriceTier', { description: 'A B2B price: from this quantity on, this unit price.' })
export class PriceTierType {
  @Field(() => Float) minQuantity!: number;
  @Field(() => CentsScalar) unitPriceCents!: number;
}

@ObjectType('Product')
export class ProductType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({
    description: 'Its public address (/produits/<slug>): from the name at creation, kept when the name changes.',
  })
  slug!: string;
  @Field() description!: string;
  @Field(() => ProductCategory) category!: ProductCategory;
  @Field(() => String, { nullable: true, description: CIQUAL_DESCRIPTION }) ciqualCode?: string | null;
  @Field(() => ProductUnit) unit!: ProductUnit;
  @Field(() => Float, { description: 'Mass of one unit with its packaging (1 for KG).' }) unitMassKg!: number;
  @Field(() => CentsScalar, { description: 'Consumer unit price, excluding VAT.' }) priceCents!: number;
  @Field(() => [Certification]) certifications!: Certification[];
  @Field({ description: 'False once the producer withdrew it: hidden from the catalog, kept for past orders.' })
  active!: boolean;
  @Field(() => Int, {
    description: 'Send it back as expectedVersion when editing: a concurrent edit then answers CONFLICT.',
  })
  version!: number;
  @Field() createdAt!: Date;
  // A plain field, not a field resolver: the search sets it on each product of a near page (Nest's per-call pipeline
  // of guards, interceptors and filters, 20 times a near-search, for reading a property).
  @Field(() => Float, { nullable: true, description: 'Great-circle km from filter.near, when given.' })
  distanceKm?: number | null;
}

@ObjectType('ProductLabel')
export class ProductLabelType {
  @Field(() => ID) id!: string;
  @Field(() => LabelStatus) status!: LabelStatus;
  @Field(() => String, { nullable: true }) reason?: string;
  @Field(() => Date, { nullable: true }) decidedAt?: Date;
}

@ObjectType('ProductEdge')
export class ProductEdgeType {
  @Field() cursor!: string;
  @Field(() => ProductType) node!: ProductType;
}

@ObjectType('ProductConnection')
export class ProductConnectionType {
  @Field(() => [ProductEdgeType]) edges!: ProductEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int, {
    description:
      'How many products match: exact up to 1,000; when more match it is 1,001, read "more than 1,000" (the count stops there, a large catalog is not counted on every page).',
  })
  totalCount!: number;
}

@ObjectType('Vehicle', {
  description: 'A vehicle of the carbon factors file, as a delivery option names it by its id (vehicleId).',
})
export class VehicleType {
  @Field(() => ID, { description: 'What vehicleId holds: vul_diesel, velo_marche…' }) id!: string;
  @Field({ description: 'Its French label in the carbon factors file, to show to people instead of the id.' })
  label!: string;
  @Field({ description: 'Its class in the carbon factors file: van, rigid, articulated, car or bike.' })
  vehicleClass!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Its energy as the carbon factors file names it: diesel, electricity, petrol/diesel, none.',
  })
  energy!: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Refrigerated (groupe froid); null when the file does not say (cars, bikes).',
  })
  refrigerated!: boolean | null;
  @Field(() => Float, {
    description:
      "kgCO2e per vehicle-km, well to wheel (CARBON-METHOD §7); a band without a sourced value has its stand-in vehicle's.",
  })
  kgCo2ePerVehicleKm!: number;
}

@ObjectType('DeliveryOption')
export class DeliveryOptionType {
  @Field(() => ID) id!: string;
  @Field(() => DeliveryMode) mode!: DeliveryMode;
  @Field() label!: string;
  @Field(() => String, { nullable: true, description: 'A vehicle of the carbon factors (vul_diesel, velo_marche…).' })
  vehicleId?: string;
  @Field(() => Float, { nullable: true }) maxDistanceKm?: number;
  @Field(() => CentsScalar) feeCents!: number;
  @Field(() => CentsScalar, { description: 'The least a supplier order must come to, excluding VAT.' })
  minOrderCents!: number;
  @Field(() => [Int], {
    description:
      'ISO weekdays it delivers on, 1 = Monday … 7 = Sunday; empty: no delivery days (no date is asked at checkout).',
  })
  weekdays!: number[];
  @Field(() => Int, { description: 'How many hours before a delivery day starts (Paris wall clock) its orders close.' })
  cutoffHours!: number;
  @Field(() => String, { nullable: true, description: 'PICKUP: where buyers collect.' }) address?: string | null;
  @Field(() => String, { nullable: true, description: 'PICKUP: when buyers may collect.' }) openingHours?:
    string | null;
  @Field({ description: 'false once archived: no longer offered to buyers.' }) active!: boolean;
}

@InputType()
export class PriceTierInput {
  @Field(() => Float) minQuantity!: number;
  @Field(() => Int) unitPriceCents!: number;
}

@InputType()
export class CreateProductInput {
  @Field(() => ID) producerId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ProductCategory) category!: ProductCategory;
  @Field(() => String, { nullable: true, description: CIQUAL_DESCRIPTION }) ciqualCode?: string | null;
  @Field(() => ProductUnit) unit!: ProductUnit;
  @Field(() => Float, { nullable: true, description: 'Required unless sold by the kilo.' }) unitMassKg?: number | null;
  @Field(() => Int) priceCents!: number;
  @Field(() => Float, { description: 'A French VAT rate: 0.021, 0.055, 0.085, 0.10 or 0.20.' }) vatRate!: number;
  @Field(() => [PriceTierInput], { nullable: true }) b2bPriceTiers?: PriceTierInput[] | null;
  @Field(() => Float) stock!: number;
  @Field(() => Float, { nullable: true }) minOrderQuantity?: number | null;
  @Field(() => [Certification], { nullable: true }) certifications?: Certification[] | null;
}

@InputType()
export class UpdateProductInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ProductCategory, { nullable: true }) category?: ProductCategory | null;
  @Field(() => String, { nullable: true, description: `${CIQUAL_DESCRIPTION} An empty string removes it.` })
  ciqualCode?: string | null;
  @Field(() => Float, { nullable: true }) unitMassKg?: number | null;
  @Field(() => Int, { nullable: true }) priceCents?: number | null;
  @Field(() => Float, { nullable: true }) vatRate?: number | null;
  @Field(() => [PriceTierInput], { nullable: true }) b2bPriceTiers?: PriceTierInput[] | null;
  @Field(() => Float, { nullable: true }) stock?: number | null;
  @Field(() => Float, { nullable: true }) minOrderQuantity?: number | null;
  @Field(() => [Certification], { nullable: true }) certifications?: Certification[] | null;
  @Field(() => Boolean, { nullable: true, description: 'false withdraws the product from the catalog.' }) active?:
    boolean | null;
  @Field(() => Int, { nullable: true, description: 'The version read before editing.' }) expectedVersion?:
    number | null;
}

@InputType()
export class CreateDeliveryOptionInput {
  @Field(() => ID) producerId!: string;
  @Field(() => DeliveryMode) mode!: DeliveryMode;
  @Field() label!: string;
  @Field(() => String, { nullable: true, description: 'Required for PRODUCER_DELIVERY and CARRIER.' }) vehicleId?:
    string | null;
  @Field(() => Float, { nullable: true }) maxDistanceKm?: number | null;
  @Field(() => Int, { nullable: true }) feeCents?: number | null;
  @Field(() => Int, { nullable: true }) minOrderCents?: number | null;
  @Field(() => [Int], {
    nullable: true,
    description: 'ISO weekdays it delivers on, 1 = Monday … 7 = Sunday; left out: no delivery days.',
  })
  weekdays?: number[] | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Hours before a delivery day starts when its orders close, 0 to 336 (default 24).',
  })
  cutoffHours?: number | null;
  @Field(() => String, { nullable: true, description: 'PICKUP only: where buyers collect.' }) address?: string | null;
  @Field(() => String, { nullable: true, description: 'PICKUP only: when buyers may collect.' }) openingHours?:
    string | null;
}

@InputType({ description: 'The terms to change; those left out stay. The mode never changes: create another option.' })
export class UpdateDeliveryOptionInput {
  @Field(() => String, { nullable: true }) label?: string | null;
  @Field(() => String, { nullable: true }) vehicleId?: string | null;
  @Field(() => Float, { nullable: true, description: 'null removes the limit.' }) maxDistanceKm?: number | null;
  @Field(() => Int, { nullable: true }) feeCents?: number | null;
  @Field(() => Int, { nullable: true }) minOrderCents?: number | null;
  @Field(() => [Int], { nullable: true, description: 'An empty list removes the delivery days.' }) weekdays?:
    number[] | null;
  @Field(() => Int, { nullable: true }) cutoffHours?: number | null;
  @Field(() => String, { nullable: true, description: 'PICKUP only; null or empty removes it.' }) address?:
    string | null;
  @Field(() => String, { nullable: true, description: 'PICKUP only; null or empty removes them.' }) openingHours?:
    string | null;
}

@InputType()
export class NearInput {
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
  @Field(() => Float) radiusKm!: number;
}

@InputType()
export class ProductFilter {
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => ProductCategory, { nullable: true }) category?: ProductCategory | null;
  @Field(() => String, { nullable: true }) brandSlug?: string | null;
  @Field(() => ID, { nullable: true }) producerId?: string | null;
  @Field(() => Certification, { nullable: true }) certification?: Certification | null;
  @Field(() => Boolean, { nullable: true }) labelledOnly?: boolean | null;
  @Field(() => NearInput, { nullable: true }) near?: NearInput | null;
}
