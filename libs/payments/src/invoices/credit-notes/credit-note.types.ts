import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CentsScalar } from '@app/platform';

/** The fields `invoice` and `pdfUrl` are resolved by CreditNoteResolver. */
@ObjectType('CreditNote', {
  description:
    "A credit note (avoir) issued in a producer's name against one of its invoices: a refund or a cancellation.",
})
export class CreditNoteType {
  @Field(() => ID) id!: string;
  @Field({ description: '{PREFIX}-AV-{YYYY}-{n}: gapless per producer and year, apart from the invoices.' })
  number!: string;
  @Field(() => CentsScalar, { description: 'Credited, VAT included (positive: what comes off the invoice).' })
  totalCents!: number;
  @Field(() => CentsScalar, { description: 'Credited, excluding VAT.' }) subtotalCents!: number;
  @Field(() => CentsScalar) vatCents!: number;
  @Field() issuedAt!: Date;
  @Field() reason!: string;
}
