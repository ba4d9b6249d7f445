import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { CentsScalar } from '@app/platform';

@ObjectType('RefusedInvoiceBuyer', {
  description: 'A business the producer refused invoice payment from: it pays that producer by card.',
})
export class RefusedInvoiceBuyerType {
  @Field(() => ID) buyerOrganizationId!: string;
  @Field() refusedAt!: Date;
}

@ObjectType('ProducerSalesTerms', {
  description:
    "A producer's terms for payment by invoice (issue #20: stock cannot be hoarded on credit), for its members.",
})
export class ProducerSalesTermsType {
  @Field(() => ID) producerId!: string;
  @Field(() => CentsScalar, {
    description:
      'The cap in force (VAT included): what a business this producer never delivered to may hold in open invoice orders with it; its own, else the platform default.',
  })
  newBuyerInvoiceCapCents!: number;
  @Field(() => CentsScalar, {
    nullable: true,
    description: "The producer's own cap; null: it follows the platform default.",
  })
  ownNewBuyerInvoiceCapCents!: number | null;
  @Field(() => CentsScalar, { description: 'The platform default (NEW_BUYER_INVOICE_CAP_CENTS).' })
  defaultNewBuyerInvoiceCapCents!: number;
}

@InputType()
export class ProducerSalesTermsInput {
  @Field(() => CentsScalar, {
    nullable: true,
    description:
      'The cap for new buyers, 0 to 100,000,000 cents (VAT included); null goes back to the platform default.',
  })
  newBuyerInvoiceCapCents?: number | null;
}
