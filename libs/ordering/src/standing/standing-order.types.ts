import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '@app/platform';
import { OccurrenceStatus, StandingOrderStatus } from './standing-order.entity';

registerEnumType(StandingOrderStatus, {
  name: 'StandingOrderStatus',
  description: 'ACTIVE (placed on its days), PAUSED (resumable), ENDED.',
});
registerEnumType(OccurrenceStatus, {
  name: 'StandingOrderOccurrenceStatus',
  description: 'PLACED (an order was placed) or SKIPPED (it could not be; see reason).',
});

@InputType()
export class StandingOrderLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Float, { description: 'In the product unit, at most 3 decimals; whole numbers for PIECE.' })
  quantity!: number;
}

@InputType()
export class StandingOrderDeliveryInput {
  @Field(() => ID) producerId!: string;
  @Field(() => ID, {
    description:
      'An option of that producer; when it has delivery days, they must include every weekday of the standing order.',
  })
  deliveryOptionId!: string;
}

@InputType()
export class CreateStandingOrderInput {
  @Field(() => ID, { description: 'The business that buys; the caller must be one of its members.' })
  buyerOrganizationId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'What the buyer calls it ("Légumes du jeudi"); "Commande récurrente" by default.',
  })
  name?: string | null;
  @Field(() => [StandingOrderLineInput]) lines!: StandingOrderLineInput[];
  @Field(() => [StandingOrderDeliveryInput], { description: 'One delivery option per producer of the lines.' })
  deliveries!: StandingOrderDeliveryInput[];
  @Field(() => [Int], { description: 'ISO weekdays of delivery, 1 = Monday … 7 = Sunday.' }) weekdays!: number[];
  @Field(() => DateScalar, { description: 'The first day it may deliver (today or later, Paris time).' })
  startsOn!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The last day it may deliver; open-ended when left out.' })
  endsOn?: string | null;
}

@ObjectType('StandingOrderLine')
export class StandingOrderLineType {
  @Field(() => ID) productId!: string;
  @Field(() => Float) quantity!: number;
}

@ObjectType('StandingOrderDelivery')
export class StandingOrderDeliveryType {
  @Field(() => ID) producerId!: string;
  @Field(() => ID) deliveryOptionId!: string;
}

@ObjectType('StandingOrderOccurrence', {
  description: 'One delivery date of a standing order, placed or skipped once.',
})
export class StandingOrderOccurrenceType {
  @Field(() => DateScalar) deliveryDate!: string;
  @Field(() => OccurrenceStatus) status!: OccurrenceStatus;
  @Field(() => ID, { nullable: true, description: 'The order placed for this date.' }) orderId!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was skipped: the error code of the refused checkout.' })
  reasonCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was skipped, as the buyer was told by e-mail (French).' })
  reason!: string | null;
}

@ObjectType('StandingOrder', {
  description:
    "A business's order repeated on some weekdays: each occurrence is placed as an invoice order in the name of the member who set it up, in the day before its orders close.",
})
export class StandingOrderType {
  @Field(() => ID) id!: string;
  @Field(() => ID) buyerOrganizationId!: string;
  @Field() name!: string;
  @Field(() => StandingOrderStatus) status!: StandingOrderStatus;
  @Field(() => [StandingOrderLineType]) lines!: StandingOrderLineType[];
  @Field(() => [StandingOrderDeliveryType]) deliveries!: StandingOrderDeliveryType[];
  @Field(() => [Int]) weekdays!: number[];
  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar, { nullable: true }) endsOn!: string | null;
  @Field() createdAt!: Date;
}
