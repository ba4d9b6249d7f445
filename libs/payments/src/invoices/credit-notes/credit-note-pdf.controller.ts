import { Controller, Get, Header, Headers, Ip, Param, Res, StreamableFile } from '@nestjs/common';
import { BearerUser } from '@app/identity';
import { renderCreditNotePdf } from './credit-note-pdf';
import { CreditNoteService } from './credit-note.service';
import { downloadForParties } from '../party-download';

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
    return downloadForParties(
      this.bearer,
      { authorization, ip, res },
      'credit note',
      (user) => this.creditNotes.findReadable(user, id),
      async (note) => ({ bytes: await renderCreditNotePdf(note), name: `${note.number}.pdf` }),
    );
  }
}
