import { Controller, StreamableFile } from '@nestjs/common';
import { BearerUser } from '@app/identity';
import { renderCreditNotePdf } from './credit-note-pdf';
import { CreditNoteService } from './credit-note.service';
import { type DownloadRequest, downloadForParties, PartyDownloadRequest, PartyDownloadRoute } from '../party-download';

export const creditNotePdfPath = (creditNoteId: string) => `/credit-notes/${creditNoteId}/pdf`;

/** `GET /credit-notes/:id/pdf`: the credit note as a PDF, for the parties of the invoice it corrects. */
@Controller('credit-notes')
export class CreditNotePdfController {
  constructor(
    private readonly creditNotes: CreditNoteService,
    private readonly bearer: BearerUser,
  ) {}

  @PartyDownloadRoute('pdf')
  download(@PartyDownloadRequest() request: DownloadRequest): Promise<StreamableFile> {
    return downloadForParties(
      this.bearer,
      request,
      'credit note',
      (user, id) => this.creditNotes.findReadable(user, id),
      async (note) => ({ bytes: await renderCreditNotePdf(note), name: `${note.number}.pdf` }),
    );
  }
}
