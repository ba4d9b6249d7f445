import {
  Controller,
  Get,
  Header,
  Headers,
  Ip,
  NotFoundException,
  Param,
  Res,
  StreamableFile,
  UnauthorizedException,
} from '@nestjs/common';
import { BearerUser } from '@app/identity';
import { AppError, ErrorCode } from '@app/platform';
import { renderInvoicePdf } from './invoice-pdf';
import { InvoiceService } from './invoice.service';

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
    const user = await this.bearer.of(authorization, ip);
    if (!user) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('Sign in to download this invoice.');
    }
    const invoice = await this.invoices.findReadable(user, id).catch((error: unknown) => {
      // The same answer for an invoice that does not exist and one the caller may not read.
      throw error instanceof AppError && error.code === ErrorCode.NOT_FOUND
        ? new NotFoundException(error.message)
        : error;
    });
    const pdf = await renderInvoicePdf(invoice);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${invoice.number}.pdf"`,
      length: pdf.length,
    });
  }
}
