import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser } from '@app/identity';
import { DateScalar, parisDay } from '@app/platform';
import { InvoiceConnectionType, InvoiceMonthTotalsType } from '../dto/invoice-list.types';
import { InvoiceType } from '../dto/invoice.types';
import { type Invoice, InvoiceStatus } from '../entities/invoice.entity';
import { InvoiceDirection } from './invoice-list';
import { InvoiceListService, type InvoicePage, type InvoiceScope } from './invoice-list.service';

/** The connection answered to the client, with the selection its monthly totals are computed on. */
interface InvoiceConnection {
  edges: { cursor: string; node: Invoice }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  scope: InvoiceScope;
}

const toConnection = (page: InvoicePage): InvoiceConnection => ({
  edges: page.items.map((node, index) => ({ node, cursor: page.cursors[index] })),
  pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
  totalCount: page.totalCount,
  scope: page.scope,
});

@Resolver(() => InvoiceConnectionType)
export class InvoiceListResolver {
  constructor(private readonly lists: InvoiceListService) {}

  @Query(() => InvoiceConnectionType, {
    description:
      "An organization's invoices, newest issued first: those it issued as a producer, or those it received as a buyer. Members only.",
  })
  async invoices(
    @CurrentUser() user: AuthUser,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('direction', { type: () => InvoiceDirection }) direction: InvoiceDirection,
    @Args('status', {
      type: () => InvoiceStatus,
      nullable: true,
      description:
        "PAID lists the invoices still paid: not one whose card payment the buyer's bank took back (a dispute lost, Invoice.dispute), which the totals count as refundedByBankCents.",
    })
    status?: InvoiceStatus | null,
    @Args('from', { type: () => DateScalar, nullable: true, description: 'First day of issue (Paris), inclusive.' })
    from?: string | null,
    @Args('to', { type: () => DateScalar, nullable: true, description: 'Last day of issue (Paris), inclusive.' })
    to?: string | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<InvoiceConnection> {
    return toConnection(await this.lists.list(user, { organizationId, direction, status, from, to }, first, after));
  }

  @ResolveField(() => [InvoiceMonthTotalsType], {
    description:
      'The invoices matching the filters (every page), totalled per Paris month of issue over the period, empty months included.',
  })
  monthlyTotals(@Parent() connection: InvoiceConnection) {
    return this.lists.monthlyTotals(connection.scope);
  }
}

/** What a list shows of each invoice, read from the document as issued. */
@Resolver(() => InvoiceType)
export class InvoiceListFieldsResolver {
  @ResolveField(() => String, { description: 'The seller as printed on the invoice.' })
  sellerName(@Parent() invoice: Invoice) {
    return invoice.document.seller.name;
  }

  @ResolveField(() => String, { description: 'The buyer as printed on the invoice (a business, or the consumer).' })
  buyerName(@Parent() invoice: Invoice) {
    return invoice.document.buyer.name;
  }

  @ResolveField(() => DateScalar, { nullable: true, description: 'The day (Paris) the invoice was paid.' })
  paidOn(@Parent() invoice: Invoice) {
    return invoice.paidAt ? parisDay(invoice.paidAt) : null;
  }
}
