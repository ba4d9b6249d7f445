import { Controller, StreamableFile } from '@nestjs/common';
import { BearerUser } from '@app/identity';
import { CreditNoteService } from '../credit-notes/credit-note.service';
import { InvoiceService } from '../invoice.service';
import { renderCreditNoteFacturX } from './credit-note-factur-x';
import { renderInvoiceFacturX } from './invoice-factur-x';
import { type DownloadRequest, downloadForParties, PartyDownloadRequest, PartyDownloadRoute } from '../party-download';

export const invoiceFacturXPath = (invoiceId: string) => `/invoices/${invoiceId}/factur-x`;
export const creditNoteFacturXPath = (creditNoteId: string) => `/credit-notes/${creditNoteId}/factur-x`;

/** The file name of a Factur-X download: the number, then what it is. */
export const facturXFileName = (number: string) => `${number}-factur-x.pdf`;

/**
 * `GET /invoices/:id/factur-x`: the invoice's Factur-X (PDF/A-3 with its CII XML) for its parties, exactly like
 * `GET /invoices/:id/pdf`: 401 without a valid bearer token, 404 for an invoice that does not exist or that the
 * caller is no party to.
 */
@Controller('invoices')
export class InvoiceFacturXController {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly bearer: BearerUser,
  ) {}

  @PartyDownloadRoute('factur-x')
  download(@PartyDownloadRequest() request: DownloadRequest): Promise<StreamableFile> {
    return downloadForParties(
      this.bearer,
      request,
      'invoice',
      (user, id) => this.invoices.findReadable(user, id),
      async (invoice) => ({ bytes: await renderInvoiceFacturX(invoice), name: facturXFileName(invoice.number) }),
    );
  }
}

/** `GET /credit-notes/:id/factur-x`: the credit note's Factur-X, for the parties of the invoice it corrects, like its PDF. */
@Controller('credit-notes')
export class CreditNoteFacturXController {
  constructor(
    private readonly creditNotes: CreditNoteService,
    private readonly bearer: BearerUser,
  ) {}

  @PartyDownloadRoute('factur-x')
  download(@PartyDownloadRequest() request: DownloadRequest): Promise<StreamableFile> {
    return downloadForParties(
      this.bearer,
      request,
      'credit note',
      (user, id) => this.creditNotes.findReadable(user, id),
      async (note) => ({ bytes: await renderCreditNoteFacturX(note), name: facturXFileName(note.number) }),
    );
  }
}
