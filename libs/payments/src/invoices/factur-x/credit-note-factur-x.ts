import { parisDate } from '../invoice-dates';
import { creditNoteSettlement, renderCreditNotePdf, type CreditNoteToPrint } from '../credit-notes/credit-note-pdf';
import { buildCii, type CiiInput } from './cii';
import { facturXEmbedding } from './factur-x-pdf';

/**
 * What the CII of a credit note says (type 381, amounts positive as EN 16931 wants them for a credit note): the
 * credited lines, VAT and totals as stored, the invoice it corrects (BG-3), its reason, and how the money goes back,
 * in the words of its PDF. A card refund is already made, or the buyer's bank gave the amount back (all prepaid,
 * nothing due); otherwise the amount comes off what the buyer owes on the invoice.
 */
export function ciiInputOfCreditNote(note: CreditNoteToPrint): CiiInput {
  const { document } = note;
  const refunded = document.paymentMethod === 'CARD';
  return {
    typeCode: '381',
    number: note.number,
    issueDate: parisDate(note.issuedAt),
    dueDate: null,
    paymentTerms: creditNoteSettlement(document),
    paid: refunded,
    precedingInvoice: { number: document.invoiceNumber, issueDate: parisDate(new Date(document.invoiceIssuedAt)) },
    notes: [{ subjectCode: 'ACD', content: document.reason }],
    document: { ...document, deliveryDate: null },
  };
}

export const facturXXmlOfCreditNote = (note: CreditNoteToPrint): string => buildCii(ciiInputOfCreditNote(note));

/** The credit note's Factur-X: its PDF, as PDF/A-3b, carrying its CII XML as `factur-x.xml`. */
export function renderCreditNoteFacturX(note: CreditNoteToPrint): Promise<Buffer> {
  return renderCreditNotePdf(note, facturXEmbedding(facturXXmlOfCreditNote(note), note.issuedAt));
}
