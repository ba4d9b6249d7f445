import { Controller, StreamableFile } from '@nestjs/common';
import { BearerUser } from '@app/identity';
import { renderInvoicePdf } from './invoice-pdf';
import { InvoiceService } from './invoice.service';
import { type DownloadRequest, downloadForParties, PartyDownloadRequest, PartyDownloadRoute } from './party-download';

export const invoicePdfPath = (invoiceId: string) => `/invoices/${invoiceId}/pdf`;

/** `GET /invoices/:id/pdf`: the invoice as a PDF for its parties (the seller's and buyer's members, the consumer). */
@Controller('invoices')
export class InvoicePdfController {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly bearer: BearerUser,
  ) {}

  @PartyDownloadRoute('pdf')
  download(@PartyDownloadRequest() request: DownloadRequest): Promise<StreamableFile> {
    return downloadForParties(
      this.bearer,
      request,
      'invoice',
      (user, id) => this.invoices.findReadable(user, id),
      async (invoice) => ({ bytes: await renderInvoicePdf(invoice), name: `${invoice.number}.pdf` }),
    );
  }
}
