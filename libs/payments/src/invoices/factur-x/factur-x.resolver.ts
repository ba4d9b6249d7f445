import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InvoiceType } from '../../dto/invoice.types';
import type { Invoice } from '../../entities/invoice.entity';
import { invoiceFacturXPath } from './factur-x.controller';

@Resolver(() => InvoiceType)
export class InvoiceFacturXResolver {
  @ResolveField(() => String, {
    description: 'Where to GET the Factur-X e-invoice (PDF/A-3 carrying its EN 16931 CII XML as factur-x.xml), with the same bearer token as the PDF.',
  })
  facturXUrl(@Parent() invoice: Invoice) {
    return invoiceFacturXPath(invoice.id);
  }
}
