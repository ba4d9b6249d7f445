import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CentsScalar, DateScalar } from '@app/platform';
import { InvoiceStatus } from '../entities/invoice.entity';

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'ISSUED until paid; a card payment is PAID from the start; OVERDUE past the due date.',
});

/** The fields `issuer`, `buyer` and `pdfUrl` are resolved by InvoiceResolver. */
@ObjectType('Invoice', { description: "An invoice issued by Ancrage in a producer's name for one supplier order." })
export class InvoiceType {
  @Field(() => ID) id!: string;
  @Field({ description: '{PREFIX}-{YYYY}-{n}: gapless per producer and year.' }) number!: string;
  @Field() issuedAt!: Date;
  @Field(() => DateScalar, { nullable: true, description: 'Null when invoiced before delivery.' }) deliveryDate?:
    string | null;
  @Field(() => DateScalar) dueDate!: string;
  @Field(() => CentsScalar, { description: 'Excluding VAT.' }) subtotalCents!: number;
  @Field(() => CentsScalar) vatCents!: number;
  @Field(() => CentsScalar, { description: 'Including VAT.' }) totalCents!: number;
  @Field(() => InvoiceStatus) status!: InvoiceStatus;
  @Field(() => Date, { nullable: true }) paidAt?: Date | null;
}
