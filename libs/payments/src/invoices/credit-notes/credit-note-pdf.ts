import { parisDate } from '../invoice-dates';
import { buyerLines, sellerLines } from '../invoice-pdf';
import { lineCells, renderTradeDocumentPdf, vatRateRow } from '../trade-document-pdf';
import { formatDate, formatEuros } from '@app/platform';
import type { CreditNoteDocument } from './credit-note-draft';
import type { PdfEmbedding } from '../factur-x/factur-x-pdf';

/** What the PDF needs of a credit note: its number, date and document, as issued. */
export interface CreditNoteToPrint {
  number: string;
  issuedAt: Date;
  document: CreditNoteDocument;
}

/** Credited amounts print negative: they come off the invoice. */
const minus = (cents: number) => formatEuros(-cents);

/**
 * How the money goes back, as printed (and as the Factur-X's payment terms say it): from what the credit note stored
 * when it was issued, never from what happened since.
 */
export function creditNoteSettlement(document: CreditNoteDocument): string {
  if (document.settledBy === 'BUYER_BANK')
    return `Montant de ${formatEuros(document.totalCents)} TTC rendu à l’acheteur par sa banque à la suite d’une contestation du paiement par carte\u00a0; aucun remboursement supplémentaire.`;
  return document.paymentMethod === 'CARD'
    ? `Montant de ${formatEuros(document.totalCents)} TTC remboursé sur la carte bancaire ayant servi au paiement.`
    : `Montant de ${formatEuros(document.totalCents)} TTC à déduire du règlement de la facture ${document.invoiceNumber}.`;
}

/**
 * The credit note (avoir) as a PDF, in French, laid out like the invoice it corrects: the parties with their legal
 * identifiers, the invoice number and date it refers to, the reason, the credited lines and the credited amounts
 * per VAT rate (negative), and how the money goes back.
 */
export function renderCreditNotePdf(note: CreditNoteToPrint, embedding?: PdfEmbedding): Promise<Buffer> {
  const { document } = note;
  return renderTradeDocumentPdf(
    {
      title: `Avoir ${note.number}`,
      sellerName: document.seller.name,
      facts: [
        `Date de l'avoir\u00a0: ${formatDate(parisDate(note.issuedAt))}`,
        `Facture d'origine\u00a0: ${document.invoiceNumber} du ${formatDate(parisDate(new Date(document.invoiceIssuedAt)))}`,
        `Commande\u00a0: ${document.orderNumber}`,
      ],
      reason: document.reason,
      seller: sellerLines(document.seller),
      buyer: buyerLines(document.buyer, document.deliveryAddress),
      lines: document.lines.map((line) => lineCells(line, minus)),
      vatByRate: document.vatByRate.map((rate) => vatRateRow(rate, minus)),
      totals: [
        ['Total HT', minus(document.subtotalCents)],
        ['Total TVA', minus(document.vatCents)],
        ['Total TTC', minus(document.totalCents)],
      ],
      closing: {
        title: 'Règlement',
        lines: [
          creditNoteSettlement(document),
          `Cet avoir annule ${document.wholeInvoice ? 'la totalité' : 'une partie'} de la facture ${document.invoiceNumber}.`,
        ],
      },
      mandate: `Avoir émis par Ancrage au nom et pour le compte de ${document.seller.name} (mandat de facturation).`,
    },
    embedding,
  );
}
