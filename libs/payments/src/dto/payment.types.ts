import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CentsScalar } from '@app/platform';
import { PaymentStatus } from '../card/payment-state';

registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Card: PENDING → SUCCEEDED (verified webhook) → (PARTIALLY_)REFUNDED. Invoice: INVOICED → PAID.',
});

@ObjectType('Payment')
export class PaymentType {
  @Field(() => ID) id!: string;
  @Field({ description: 'CARD or INVOICE.' }) method!: string;
  @Field(() => PaymentStatus) status!: PaymentStatus;
  @Field(() => CentsScalar, { description: 'What the buyer pays, including VAT.' }) amountCents!: number;
  @Field(() => CentsScalar) refundedCents!: number;
}

@ObjectType('PaymentDispute', {
  description:
    "A chargeback: the buyer's bank took the amount back. While OPEN, and once LOST, the producers paid by the charge give back their share; WON, they get it back.",
})
export class PaymentDisputeType {
  @Field({ description: 'OPEN, WON or LOST.' }) outcome!: string;
  @Field({ description: "Stripe's status (needs_response, under_review, won, lost…)." }) status!: string;
  @Field(() => String, { nullable: true, description: "Stripe's reason (fraudulent, product_not_received…)." })
  reason?: string | null;
  @Field(() => CentsScalar, { description: 'What the bank disputes.' }) amountCents!: number;
  @Field({ description: 'When we learnt of it.' }) createdAt!: Date;
  @Field(() => CentsScalar, {
    nullable: true,
    description:
      "Read through a supplier order (`SupplierOrder.dispute`): what its producer gives back of the dispute, its transfer's share of the part disputed (given back to it once WON). Null read through the order's payment.",
  })
  shareCents?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Read through a supplier order: true once the dispute is LOST and the buyer's bank gave back all that was left of this part — it may then be cancelled before it ships, with no refund (the bank made it). Null read through the order's payment or an invoice.",
  })
  partRefundedByBank?: boolean | null;
}

@ObjectType('CardPayment', {
  description: "Confirm it in the buyer's browser with Stripe.js; the order is paid once Stripe's webhook says so.",
})
export class CardPaymentType {
  @Field() paymentIntentId!: string;
  @Field() clientSecret!: string;
  @Field(() => CentsScalar) amountCents!: number;
  @Field(() => String, {
    nullable: true,
    description: 'The publishable key Stripe.js needs in the browser (null when the server has none).',
  })
  publishableKey!: string | null;
}

@ObjectType('OnboardingLink', {
  description: 'Where the producer fills in its Stripe account (bank details, identity) to receive card payments.',
})
export class OnboardingLinkType {
  @Field() url!: string;
  @Field() expiresAt!: Date;
}
