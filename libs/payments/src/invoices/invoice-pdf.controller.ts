import { Controller, Get, Header, Headers, Ip, Param, Res, StreamableFile } from '@nestjs/common';
import { BearerUser } from '@app/identity';
import { renderInvoicePdf } from './invoice-pdf';
import { InvoiceService } from './invoice.service';
import { downloadForParties } from './party-download';

export const invoicePdfPath = (invoiceId: string) => `/invoices/${invoiceId}/pdf`;

/** `GET /invoices/:id/pdf`: the invoice as a PDF for its parties (the seller's and buyer's members, the consumer). */
@Controller('invoices')
export class InvoicePdfController {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly bearer: BearerUser,
  ) {}

  @Get(':id/pdf')
  @Header('Cache-Control', 'private, no-store')
  async download(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): unknown },
  ): Promise<StreamableFile> {
    return downloadForParties(
      this.bearer,
      { authorization, ip, res },
      'invoice',
      (user) => this.invoices.findReadable(user, id),
      async (invoice) => ({ bytes: await renderInvoicePdf(invoice), name: `${invoice.number}.pdf` }),
    );
  }
}
