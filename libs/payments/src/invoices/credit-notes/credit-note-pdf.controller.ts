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
import { renderCreditNotePdf } from './credit-note-pdf';
import { CreditNoteService } from './credit-note.service';

export const creditNotePdfPath = (creditNoteId: string) => `/credit-notes/${creditNoteId}/pdf`;

/** `GET /credit-notes/:id/pdf`: the credit note as a PDF, for the parties of the invoice it corrects. */
@Controller('credit-notes')
export class CreditNotePdfController {
  constructor(
    private readonly creditNotes: CreditNoteService,
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
      throw new UnauthorizedException('Sign in to download this credit note.');
    }
    const note = await this.creditNotes.findReadable(user, id).catch((error: unknown) => {
      throw error instanceof AppError && error.code === ErrorCode.NOT_FOUND
        ? new NotFoundException(error.message)
        : error;
    });
    const pdf = await renderCreditNotePdf(note);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${note.number}.pdf"`,
      length: pdf.length,
    });
  }
}
