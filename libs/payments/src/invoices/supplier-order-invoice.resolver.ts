import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { SupplierOrderType } from '@app/ordering';
import { byKeys, type GraphqlContext, requestLoader } from '@app/platform';
import { InvoiceType } from '../dto/invoice.types';
import type { Invoice } from '../entities/invoice.entity';
import { InvoiceService } from './invoice.service';

/** `SupplierOrder.invoice`: the invoice of a supplier order, once issued (both parties read the supplier order). */
@Resolver(() => SupplierOrderType)
export class SupplierOrderInvoiceResolver {
  constructor(private readonly invoices: InvoiceService) {}

  @ResolveField(() => InvoiceType, {
    nullable: true,
    description: 'Issued at delivery for invoice payments, at payment for cards.',
  })
  invoice(@Parent() supplierOrder: { id: string }, @Context() context: GraphqlContext) {
    return requestLoader<string, Invoice | null>(context, 'invoice-by-supplier-order', async (ids) =>
      byKeys(ids, await this.invoices.findBySupplierOrderIds(ids), (invoice) => invoice.supplierOrderId),
    ).load(supplierOrder.id);
  }
}
