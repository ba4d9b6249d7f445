import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser } from '@app/identity';
import { byKeys, CentsScalar, type GraphqlContext, requestLoader } from '@app/platform';
import { InvoiceType } from '../../dto/invoice.types';
import type { Invoice } from '../../entities/invoice.entity';
import { amountDueCents } from '../amount-due';
import type { CreditNote } from './credit-note.entity';
import { creditNotePdfPath } from './credit-note-pdf.controller';
import { CreditNoteType } from './credit-note.types';
import { CreditNoteService } from './credit-note.service';
import { creditableCents } from './creditable';
import { InvoiceCreditService } from './invoice-credit.service';

/** A loader of the credit notes of invoices the caller may read (shared with any invoice list). */
export function creditNotesLoader(context: GraphqlContext, creditNotes: CreditNoteService) {
  return requestLoader<string, CreditNote[]>(context, 'credit-notes-by-invoice', async (ids) => {
    const notes = await creditNotes.findByInvoiceIds(ids);
    return ids.map((id) => notes.filter((note) => note.invoiceId === id));
  });
}

@Resolver(() => CreditNoteType)
export class CreditNoteResolver {
  constructor(
    private readonly creditNotes: CreditNoteService,
    private readonly credits: InvoiceCreditService,
  ) {}

  @Mutation(() => CreditNoteType, {
    description:
      "A producer's member credits part or all of one of its invoices not paid by card (goods damaged at delivery, a line missing): a credit note in the producer's name, its buyer told by e-mail; a wholly credited invoice becomes CANCELLED. A card invoice is credited by the refund of its payment.",
  })
  creditInvoice(
    @CurrentUser() user: AuthUser,
    @Args('invoiceId', { type: () => ID }) invoiceId: string,
    @Args('amountCents', {
      type: () => CentsScalar,
      description: 'VAT included; more than 0 and at most Invoice.creditableCents.',
    })
    amountCents: number,
    @Args('reason', { description: 'Printed on the credit note; 1 to 500 characters.' }) reason: string,
    @Args('idempotencyKey', {
      type: () => String,
      nullable: true,
      description: 'The same key sent again answers the credit note it issued, never a second one.',
    })
    idempotencyKey?: string | null,
  ) {
    return this.credits.creditInvoice(user, { invoiceId, amountCents, reason, idempotencyKey });
  }

  @ResolveField(() => InvoiceType, { description: 'The invoice it corrects.' })
  invoice(@Parent() note: CreditNote, @Context() context: GraphqlContext) {
    return requestLoader<string, Invoice | null>(context, 'invoice-by-id', async (ids) =>
      byKeys(ids, await this.creditNotes.findInvoicesByIds(ids), (invoice) => invoice.id),
    ).load(note.invoiceId);
  }

  @ResolveField(() => String, { description: 'Where to GET the PDF, with the same bearer token.' })
  pdfUrl(@Parent() note: CreditNote) {
    return creditNotePdfPath(note.id);
  }
}

/** `Invoice.creditNotes`: whoever reads the invoice reads its credit notes. */
@Resolver(() => InvoiceType)
export class InvoiceCreditNotesResolver {
  constructor(private readonly notes: CreditNoteService) {}

  @ResolveField(() => [CreditNoteType], {
    description: 'The credit notes issued against it, oldest first; once they add up to its total it is CANCELLED.',
  })
  creditNotes(@Parent() invoice: Invoice, @Context() context: GraphqlContext) {
    return creditNotesLoader(context, this.notes).load(invoice.id);
  }

  @ResolveField(() => CentsScalar, {
    description:
      'What its producer may still credit with creditInvoice, VAT included: its total less its credit notes; 0 for an invoice paid by card (credited by the refund of its payment) or CANCELLED.',
  })
  async creditableCents(@Parent() invoice: Invoice, @Context() context: GraphqlContext) {
    const notes = await creditNotesLoader(context, this.notes).load(invoice.id);
    return creditableCents(
      invoice,
      notes.reduce((sum, note) => sum + note.totalCents, 0),
    );
  }

  @ResolveField(() => CentsScalar, {
    description:
      'What the buyer still owes on it, VAT included: its total less its credit notes while ISSUED or OVERDUE; 0 once PAID or CANCELLED.',
  })
  async amountDueCents(@Parent() invoice: Invoice, @Context() context: GraphqlContext) {
    const notes = await creditNotesLoader(context, this.notes).load(invoice.id);
    return amountDueCents(
      invoice,
      notes.reduce((sum, note) => sum + note.totalCents, 0),
    );
  }
}
