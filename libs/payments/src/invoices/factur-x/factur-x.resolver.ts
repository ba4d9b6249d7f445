import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InvoiceType } from '../../dto/invoice.types';
import type { Invoice } from '../../entities/invoice.entity';
import type { CreditNote } from '../credit-notes/credit-note.entity';
import { CreditNoteType } from '../credit-notes/credit-note.types';
import { creditNoteFacturXPath, invoiceFacturXPath } from './factur-x.controller';

@Resolver(() => InvoiceType)
export class InvoiceFacturXResolver {
  @ResolveField(() => String, {
    description:
      'Where to GET the Factur-X e-invoice (PDF/A-3 carrying its EN 16931 CII XML as factur-x.xml), with the same bearer token as the PDF.',
  })
  facturXUrl(@Parent() invoice: Invoice) {
    return invoiceFacturXPath(invoice.id);
  }
}

@Resolver(() => CreditNoteType)
export class CreditNoteFacturXResolver {
  @ResolveField(() => String, {
    description:
      'Where to GET the Factur-X e-invoice of the credit note (type 381, naming the invoice it corrects), with the same bearer token as the PDF.',
  })
  facturXUrl(@Parent() note: CreditNote) {
    return creditNoteFacturXPath(note.id);
  }
}
