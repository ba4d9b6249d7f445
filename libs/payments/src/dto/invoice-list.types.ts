import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CentsScalar, PageInfoType } from '@app/platform';
import { InvoiceDirection } from '../invoices/invoice-list';
import { InvoiceType } from './invoice.types';

registerEnumType(InvoiceDirection, {
  name: 'InvoiceDirection',
  description: 'ISSUED: the invoices the organization issued as a producer; RECEIVED: the ones it received as a buyer.',
});

@ObjectType('InvoiceEdge')
export class InvoiceEdgeType {
  @Field() cursor!: string;
  @Field(() => InvoiceType) node!: InvoiceType;
}

@ObjectType('InvoiceMonthTotals', {
  description: 'The listed invoices of one Paris month of issue, totalled by status (amounts including VAT).',
})
export class InvoiceMonthTotalsType {
  @Field({ description: 'YYYY-MM, the month of issue in Paris.' }) month!: string;
  @Field(() => Int) invoiceCount!: number;
  @Field(() => CentsScalar, { description: 'Every listed invoice of the month, including VAT.' }) totalCents!: number;
  @Field(() => CentsScalar, {
    description: "Of which paid (not counting a card payment the buyer's bank took back: `refundedByBankCents`).",
  })
  paidCents!: number;
  @Field(() => CentsScalar, {
    description:
      "Of which issued paid by a card payment the buyer's bank then took back, a dispute lost (`Invoice.dispute`): not paid.",
  })
  refundedByBankCents!: number;
  @Field(() => CentsScalar, {
    description:
      'What is still owed on the invoices issued and not yet due nor paid: their totals less their credit notes (`Invoice.amountDueCents`).',
  })
  dueCents!: number;
  @Field(() => CentsScalar, {
    description: 'What is still owed on the invoices past their due date and unpaid, less their credit notes.',
  })
  overdueCents!: number;
  @Field(() => CentsScalar, { description: 'Of which cancelled by credit notes.' }) cancelledCents!: number;
  @Field(() => CentsScalar, {
    description:
      "The credit notes of the month's invoices, including VAT (whatever their own date): what came off them.",
  })
  creditedCents!: number;
}

/** `monthlyTotals` is resolved by InvoiceListResolver, only when asked. */
@ObjectType('InvoiceConnection')
export class InvoiceConnectionType {
  @Field(() => [InvoiceEdgeType]) edges!: InvoiceEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int, { description: 'Every invoice matching the filters, across pages.' }) totalCount!: number;
}
