/** A credit note was issued: its buyer is told. */
export const CREDIT_NOTE_ISSUED = 'payments.credit-note-issued';
export interface CreditNoteIssued {
  creditNoteId: string;
}
