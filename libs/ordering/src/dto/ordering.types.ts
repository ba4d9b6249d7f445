import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DeliveryMode } from '@app/catalog';
import { AddressInput } from '@app/identity';
import { CentsScalar, DateScalar, PageInfoType } from '@app/platform';
import { PaymentMethod, SalesChannel } from '../entities/order.entity';
import { OrderStatus, SupplierOrderStatus } from '../lifecycle/supplier-order-state';
import { SupplierOrderPaymentStatus } from '../lifecycle/supplier-order-payment';

registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: 'INVOICE is for business buyers: due 30 days after delivery.',
});
registerEnumType(SalesChannel, {
  name: 'SalesChannel',
  description: 'B2B: a business buying at tier prices; B2C: a consumer.',
});
registerEnumType(SupplierOrderStatus, { name: 'SupplierOrderStatus' });
registerEnumType(SupplierOrderPaymentStatus, {
  name: 'SupplierOrderPaymentStatus',
  description:
    'NOT_REQUIRED: paid by invoice (see its invoice); AWAITING: a card part not paid yet (the producer cannot move it past PLACED); PAID; EXPIRED: unpaid in time, cancelled with the reason PAYMENT_EXPIRED; REFUNDED: its money went back to the buyer.',
});
registerEnumType(OrderStatus, { name: 'OrderStatus', description: "Read from the supplier orders' statuses." });

@InputType()
export class OrderLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Float, { description: 'In the product unit, at most 3 decimals; whole numbers for PIECE.' })
  quantity!: number;
}

@InputType()
export class DeliveryChoiceInput {
  @Field(() => ID) producerId!: string;
  @Field(() => ID) deliveryOptionId!: string;
  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Required when the option has delivery days: one of its nextDeliveryDates (Paris time); ignored otherwise.',
  })
  deliveryDate?: string | null;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The business buying (B2B prices); leave it out to buy as a consumer.',
  })
  buyerOrganizationId?: string | null;
  @Field(() => [OrderLineInput]) lines!: OrderLineInput[];
  @Field(() => [DeliveryChoiceInput], { description: 'One delivery option per producer of the cart.' })
  deliveries!: DeliveryChoiceInput[];
  @Field(() => AddressInput, {
    nullable: true,
    description: "Where to deliver; the buyer organization's address when left out.",
  })
  deliveryAddress?: AddressInput | null;
  @Field(() => PaymentMethod) paymentMethod!: PaymentMethod;
  @Field({
    description: 'Any unique string per checkout: sending it again returns the same order instead of a second one.',
  })
  idempotencyKey!: string;
}

@ObjectType('CarbonFootprint', {
  description:
    "A supplier order's transport footprint by the method of CARBON-METHOD.md; an order's is the sum of its parts'.",
})
export class CarbonFootprintType {
  @Field({ description: 'Method and factors version: stored footprints keep the one they were computed with.' })
  methodVersion!: string;
  @Field(() => Float, { description: 'Driven distance the emissions come from (km).' }) distanceKm!: number;
  @Field({ description: 'GCD_ESTIMATED | ROUTED | ODOMETER' }) distanceType!: string;
  @Field(() => String, { nullable: true, description: 'Null on an order whose parts used different vehicles.' })
  vehicleId!: string | null;
  @Field(() => Float) massKg!: number;
  @Field(() => Float) tkm!: number;
  @Field(() => Float) emissionsKgCo2e!: number;
  @Field(() => Float, { description: 'What the conventional supply chain would have emitted for the same goods.' })
  baselineKgCo2e!: number;
  @Field(() => Float, { description: 'baseline − emissions, signed: negative when the local trip emits more.' })
  savedKgCo2e!: number;
  @Field() proximityBand!: string;
  @Field() shortCircuit!: boolean;
  @Field(() => String, { nullable: true, description: 'SCOPE3_CAT4 | SCOPE1_BUYER; null on an order mixing both.' })
  scope!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'DEDICATED_TRIP | ROUND | CARRIER | BUYER_PICKUP; null on an order.',
  })
  deliveryPath?: string | null;
  @Field(() => Float, {
    nullable: true,
    description:
      "This supplier order's share of its round's emissions (mass × great-circle distance); null on an order.",
  })
  allocationShare?: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Data tier (CARBON-METHOD §7.3): PRIMARY_FUEL | PRIMARY_DISTANCE | MODELLED_ROUND | DEFAULT; null on an order.',
  })
  dataSource?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'OK | FLAGGED (the reported reading was implausible: the modelled figure is used); null on an order.',
  })
  dataQuality?: string | null;
  @Field(() => Float, {
    nullable: true,
    description:
      "The round's driven km (modelled tour or reported odometer) when the footprint was allocated from a round.",
  })
  roundVkm?: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "The whole round's emissions when the footprint was allocated from a round.",
  })
  roundEmissionsKgCo2e?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: "The round's orders when the footprint was allocated from a round.",
  })
  roundOrders?: number | null;
}

@ObjectType('FootprintEstimate', {
  description: "An earlier estimate of a supplier order's footprint, replaced when its round changed or was reported.",
})
export class FootprintEstimateType {
  @Field(() => CarbonFootprintType) carbon!: CarbonFootprintType;
  @Field({ description: 'ROUND_CHANGED | ROUND_REPORTED' }) reason!: string;
  @Field() replacedAt!: Date;
}

/**
 * A line and a fee including VAT (`partInclVat`): what a person buying reads. VAT is taken once per rate on the
 * part's amounts, so a line is not always its unit price including VAT times its quantity.
 */
export const TOTAL_INCL_VAT =
  "Including VAT: the line's share of its rate's VAT in its producer's part (its own VAT rounded down or up so that the part's lines and fee add up to its totalCents). Not always the unit price including VAT times the quantity: VAT is rounded once per rate, not per line.";
export const FEE_INCL_VAT =
  "Including VAT: what the fee adds to its producer's part, its VAT at the rates of the goods it carries (their lines and this fee add up to the part's totalCents).";

@ObjectType('OrderLine')
export class OrderLineType {
  @Field(() => ID) productId!: string;
  @Field() name!: string;
  @Field() unit!: string;
  @Field(() => Float) quantity!: number;
  @Field(() => CentsScalar, { description: 'Excluding VAT.' }) unitPriceCents!: number;
  @Field(() => Float) vatRate!: number;
  @Field(() => CentsScalar, { description: 'round(quantity × unit price), excluding VAT.' }) totalCents!: number;
  @Field(() => CentsScalar, { description: TOTAL_INCL_VAT }) totalInclVatCents!: number;
  @Field(() => Float) massKg!: number;
  @Field(() => Int) intermediaries!: number;
}

@ObjectType('OrderDeliveryOption', { description: 'The delivery option as it was when the order was placed.' })
export class OrderDeliveryOptionType {
  @Field(() => ID) id!: string;
  @Field(() => DeliveryMode) mode!: DeliveryMode;
  @Field() label!: string;
  @Field(() => String, { nullable: true }) vehicleId!: string | null;
  @Field(() => Float, { nullable: true }) maxDistanceKm!: number | null;
  @Field(() => CentsScalar) feeCents!: number;
  @Field(() => CentsScalar) minOrderCents!: number;
  @Field(() => String, { nullable: true, description: 'PICKUP: where to collect.' }) address?: string | null;
  @Field(() => String, { nullable: true, description: 'PICKUP: when to collect.' }) openingHours?: string | null;
}

@ObjectType('VatRateTotal')
export class VatRateTotalType {
  @Field(() => Float) vatRate!: number;
  @Field(() => CentsScalar) baseCents!: number;
  @Field(() => CentsScalar) vatCents!: number;
}

@ObjectType('SupplierOrderTransition')
export class SupplierOrderTransitionType {
  @Field(() => SupplierOrderStatus, { nullable: true }) fromStatus?: SupplierOrderStatus;
  @Field(() => SupplierOrderStatus) toStatus!: SupplierOrderStatus;
  @Field() at!: Date;
  @Field(() => String, { nullable: true }) reason?: string;
}

@ObjectType('SupplierOrder')
export class SupplierOrderType {
  @Field(() => ID) id!: string;
  @Field(() => SupplierOrderStatus) status!: SupplierOrderStatus;
  @Field(() => SupplierOrderPaymentStatus, {
    description: 'Where the money of this part stands; a card part moves past PLACED only once PAID.',
  })
  paymentStatus!: SupplierOrderPaymentStatus;
  @Field(() => CentsScalar, { description: 'Goods and delivery fee, excluding VAT.' }) subtotalCents!: number;
  @Field(() => CentsScalar) vatCents!: number;
  @Field(() => CentsScalar) totalCents!: number;
  @Field(() => CentsScalar, { description: 'The delivery fee, excluding VAT (in subtotalCents).' }) feeCents!: number;
  @Field(() => CentsScalar, { description: FEE_INCL_VAT }) feeInclVatCents!: number;
  @Field(() => Float, { nullable: true, description: 'One-way distance the producer reported at delivery.' })
  odometerKm?: number | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The delivery round it was part of, when the producer reported one.',
  })
  roundId?: string;
  @Field(() => Float, { nullable: true, description: "The round's fuel litres the producer reported (Tier A)." })
  fuelLitres?: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "The round's odometer km the producer reported, departure to return.",
  })
  roundOdometerKm?: number | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The delivery day the buyer chose (Paris); null when the option had no delivery days.',
  })
  deliveryDate?: string | null;
  @Field(() => Date, { nullable: true }) deliveredAt?: Date;
  @Field() createdAt!: Date;
}

@ObjectType('SupplierOrderEdge')
export class SupplierOrderEdgeType {
  @Field() cursor!: string;
  @Field(() => SupplierOrderType) node!: SupplierOrderType;
}

@ObjectType('SupplierOrderConnection')
export class SupplierOrderConnectionType {
  @Field(() => [SupplierOrderEdgeType]) edges!: SupplierOrderEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('Order')
export class OrderType {
  @Field(() => ID) id!: string;
  @Field() number!: string;
  @Field(() => SalesChannel) channel!: SalesChannel;
  @Field(() => PaymentMethod) paymentMethod!: PaymentMethod;
  @Field(() => CentsScalar, {
    description: 'Of the supplier orders not cancelled (of all of them once every one is cancelled), excluding VAT.',
  })
  subtotalCents!: number;
  @Field(() => CentsScalar) vatCents!: number;
  @Field(() => CentsScalar, {
    description: 'Of the supplier orders not cancelled (of all of them once every one is cancelled).',
  })
  totalCents!: number;
  @Field() createdAt!: Date;
}

@ObjectType('OrderEdge')
export class OrderEdgeType {
  @Field() cursor!: string;
  @Field(() => OrderType) node!: OrderType;
}

@ObjectType('OrderConnection')
export class OrderConnectionType {
  @Field(() => [OrderEdgeType]) edges!: OrderEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}
