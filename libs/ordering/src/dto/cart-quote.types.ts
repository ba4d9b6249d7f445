import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';
import { DeliveryOptionType, ProductType } from '@app/catalog';
import { AddressInput, OrganizationType } from '@app/identity';
import { CentsScalar, DateScalar } from '@app/platform';
import {
  CarbonFootprintType,
  DeliveryChoiceInput,
  FEE_INCL_VAT,
  OrderLineInput,
  TOTAL_INCL_VAT,
} from './ordering.types';

@InputType()
export class QuoteCartInput {
  @Field(() => [OrderLineInput], { description: 'As for placeOrder: at most 100 lines, one per product.' })
  lines!: OrderLineInput[];
  @Field(() => [DeliveryChoiceInput], {
    nullable: true,
    description:
      'The delivery options chosen so far, one per producer; choices for producers without lines are ignored.',
  })
  deliveries?: DeliveryChoiceInput[] | null;
  @Field(() => ID, {
    nullable: true,
    description: 'A business the caller is a member of (signed in): its B2B prices. Left out: consumer prices.',
  })
  buyerOrganizationId?: string | null;
  @Field(() => AddressInput, {
    nullable: true,
    description:
      "Where to deliver; the buyer organization's address when left out. Without either, no delivery area check and no carbon estimate.",
  })
  deliveryAddress?: AddressInput | null;
}

@ObjectType('CartProblem', { description: "What keeps a producer's part of the cart from being ordered as it is." })
export class CartProblemType {
  @Field({
    description:
      'OUT_OF_STOCK | MINIMUM_NOT_MET | OUT_OF_DELIVERY_AREA | BELOW_MINIMUM_QUANTITY | NO_DELIVERY_OPTION | DELIVERY_DATE (missing, not a delivery day, a day the producer closed, or past its cut-off) | PRODUCER_NOT_PAYABLE (a consumer cart, when the producer cannot take card payments yet)',
  })
  code!: string;
  @Field({ description: 'The problem in French, for the buyer.' }) message!: string;
  @Field(() => ID, { nullable: true, description: 'The product it is about (OUT_OF_STOCK, BELOW_MINIMUM_QUANTITY).' })
  productId!: string | null;
}

@ObjectType('CartQuoteLine')
export class CartQuoteLineType {
  @Field(() => ProductType) product!: ProductType;
  @Field(() => Float) quantity!: number;
  @Field(() => CentsScalar, { description: "Excluding VAT: the buyer's price (B2B tier or consumer price)." })
  unitPriceCents!: number;
  @Field(() => CentsScalar, { description: 'round(quantity × unit price), excluding VAT.' }) totalCents!: number;
  @Field(() => CentsScalar, { description: TOTAL_INCL_VAT })
  totalInclVatCents!: number;
  @Field(() => Float) vatRate!: number;
  @Field({ description: 'The stock covers the quantity.' }) available!: boolean;
}

@ObjectType('CartDeliveryOptionFee', {
  description: "A delivery option's fee in a producer's part of the cart, whether it is chosen or not.",
})
export class CartDeliveryOptionFeeType {
  @Field(() => ID) deliveryOptionId!: string;
  @Field(() => CentsScalar, { description: 'Excluding VAT.' }) feeCents!: number;
  @Field(() => CentsScalar, { description: FEE_INCL_VAT }) feeInclVatCents!: number;
}

@ObjectType('CartQuoteProducer', { description: "One producer's part of the cart: what its supplier order would be." })
export class CartQuoteProducerType {
  @Field(() => OrganizationType) producer!: OrganizationType;
  @Field(() => [CartQuoteLineType]) lines!: CartQuoteLineType[];
  @Field(() => [DeliveryOptionType], { description: "The producer's active delivery options." })
  deliveryOptions!: DeliveryOptionType[];
  @Field(() => [CartDeliveryOptionFeeType], {
    description: 'The fee of each of deliveryOptions, in their order, as it would be in this part if chosen.',
  })
  deliveryOptionFees!: CartDeliveryOptionFeeType[];
  @Field(() => DeliveryOptionType, {
    nullable: true,
    description: "The option chosen; null when none is, or when the one named is not this producer's.",
  })
  deliveryOption!: DeliveryOptionType | null;
  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The delivery date chosen, when the option has delivery days (a DELIVERY_DATE problem says when it cannot be).',
  })
  deliveryDate!: string | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Great-circle km from the producer to the delivery address; null without one.',
  })
  distanceKm!: number | null;
  @Field(() => CentsScalar, { description: 'The goods, excluding VAT and the delivery fee.' }) goodsCents!: number;
  @Field(() => CentsScalar, { description: "The chosen option's fee, excluding VAT (0 without one)." })
  feeCents!: number;
  @Field(() => CentsScalar, { description: FEE_INCL_VAT }) feeInclVatCents!: number;
  @Field(() => CentsScalar, { description: 'Goods and delivery fee, excluding VAT.' }) subtotalCents!: number;
  @Field(() => CentsScalar, { description: "VAT per rate, half-up, the fee split across the goods' rates." })
  vatCents!: number;
  @Field(() => CentsScalar) totalCents!: number;
  @Field(() => CentsScalar, {
    description:
      "The chosen option's minimum order, excluding VAT; without a choice, the lowest of the producer's options.",
  })
  minOrderCents!: number;
  @Field() minimumMet!: boolean;
  @Field(() => CentsScalar, { description: 'What the goods lack to reach the minimum (0 when met).' })
  missingCents!: number;
  @Field(() => CarbonFootprintType, {
    nullable: true,
    description:
      "The estimate the supplier order would get; null without a delivery address or a chosen option. With the producer's own delivery on an open day chosen: its share of that day's planned round (CARBON-METHOD §7.3), as deliveryDateFootprints estimates that day.",
  })
  carbon!: CarbonFootprintType | null;
  @Field(() => [CartProblemType]) problems!: CartProblemType[];
}

@ObjectType('CartQuote', {
  description: 'A cart priced as placeOrder would price it, with what stands in the way, per producer.',
})
export class CartQuoteType {
  @Field(() => [CartQuoteProducerType], { description: 'In the order the producers first appear in the cart.' })
  producers!: CartQuoteProducerType[];
  @Field(() => CentsScalar, { description: 'Excluding VAT, delivery fees included.' }) subtotalCents!: number;
  @Field(() => CentsScalar) vatCents!: number;
  @Field(() => CentsScalar) totalCents!: number;
  @Field(() => CarbonFootprintType, {
    nullable: true,
    description:
      "The sum of the producers' estimates, as the order would get it; null without a delivery address or while a producer has no option chosen.",
  })
  carbon!: CarbonFootprintType | null;
  @Field(() => [ID], {
    description: 'Products of the cart that are not on sale (unknown or withdrawn): left out of the quote.',
  })
  unavailableProductIds!: string[];
}

@InputType()
export class DeliveryDateFootprintsInput {
  @Field(() => ID, { description: "A producer's own delivery option (PRODUCER_DELIVERY) with delivery days." })
  deliveryOptionId!: string;
  @Field(() => AddressInput, {
    nullable: true,
    description: 'Where to deliver; or give buyerOrganizationId (its address).',
  })
  address?: AddressInput | null;
  @Field(() => ID, { nullable: true, description: 'A business the caller is a member of (signed in): its address.' })
  buyerOrganizationId?: string | null;
  @Field(() => Float, { description: "The cart's mass for this producer (kg), sales packaging included." })
  massKg!: number;
}

@ObjectType('DeliveryDateFootprint', {
  description: 'What a cart would emit on one delivery date of a producer (CARBON-METHOD §7.3).',
})
export class DeliveryDateFootprintType {
  @Field(() => DateScalar) deliveryDate!: string;
  @Field(() => Float, {
    description: "The cart's allocated share of that day's planned round, the cart included (kgCO2e).",
  })
  estimatedKgCo2e!: number;
  @Field(() => Float, {
    description: "What the cart adds to that day's round: E_round(with the cart) − E_round(without) (kgCO2e).",
  })
  marginalKgCo2e!: number;
  @Field({ description: 'Other orders already travel in that day’s round.' }) pooled!: boolean;
  @Field({ description: 'The date with the lowest marginal footprint (the earliest on a tie): the pooling day.' })
  lowest!: boolean;
}
