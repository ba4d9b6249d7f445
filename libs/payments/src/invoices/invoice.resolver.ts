import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, organizationLoader, OrganizationService, OrganizationType } from '@app/identity';
import { DateScalar, type GraphqlContext } from '@app/platform';
import { InvoiceType } from '../dto/invoice.types';
import type { Invoice } from '../entities/invoice.entity';
import { invoicePdfPath } from './invoice-pdf.controller';
import { InvoiceService } from './invoice.service';

@Resolver(() => InvoiceType)
export class InvoiceResolver {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly organizations: OrganizationService,
  ) {}

  @Mutation(() => InvoiceType, { description: 'The producer records that an issued or overdue invoice was paid.' })
  markInvoicePaid(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('paidOn', {
      type: () => DateScalar,
      nullable: true,
      description: 'The day (Paris) the payment arrived; today when left out.',
    })
    paidOn?: string | null,
  ) {
    return this.invoices.markPaid(user, id, paidOn);
  }

  @ResolveField(() => OrganizationType, { description: 'The producer in whose name the invoice is issued.' })
  issuer(@Parent() invoice: Invoice, @Context() context: GraphqlContext) {
    return organizationLoader(context, this.organizations).load(invoice.issuerId);
  }

  @ResolveField(() => OrganizationType, { nullable: true, description: 'The buyer organization; null for a consumer.' })
  buyer(@Parent() invoice: Invoice, @Context() context: GraphqlContext) {
    return invoice.buyerOrganizationId
      ? organizationLoader(context, this.organizations).load(invoice.buyerOrganizationId)
      : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "The IBAN to transfer the payment to (the producer's, as at issue, no spaces): on an invoice paid by transfer whose producer had given it; null otherwise.",
  })
  payeeIban(@Parent() invoice: Invoice) {
    return invoice.paymentMethod === 'INVOICE' ? (invoice.document.seller.bankAccount?.iban ?? null) : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "The BIC of the producer's bank, when given with the IBAN.",
  })
  payeeBic(@Parent() invoice: Invoice) {
    return invoice.paymentMethod === 'INVOICE' ? (invoice.document.seller.bankAccount?.bic ?? null) : null;
  }

  @ResolveField(() => String, { description: 'Where to GET the PDF, with the same bearer token.' })
  pdfUrl(@Parent() invoice: Invoice) {
    return invoicePdfPath(invoice.id);
  }
}
