export { CreditNote, CreditNoteSeries } from './credit-note.entity';
export { CreditNoteService, type RefundToCredit } from './credit-note.service';
export { creditableCents } from './creditable';
export { type InvoiceCreditRequest, InvoiceCreditService } from './invoice-credit.service';
export {
  type CreditNoteDocument,
  creditNoteDocumentOf,
  creditedByRate,
  formatCreditNoteNumber,
  remainingByRate,
} from './credit-note-draft';
export { renderCreditNotePdf, type CreditNoteToPrint } from './credit-note-pdf';
export { creditNotePdfPath } from './credit-note-pdf.controller';
export { CreditNoteType } from './credit-note.types';
export { creditNotesLoader } from './credit-note.resolver';
