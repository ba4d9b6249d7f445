import type { Invoice } from '../../entities/invoice.entity';
import { parisDate } from '../invoice-dates';
import { paymentTerms, renderInvoicePdf } from '../invoice-pdf';
import { buildCii, type CiiInput } from './cii';
import { facturXEmbedding } from './factur-x-pdf';

/**
 * The legal mentions the PDF prints, as CII notes with their UNTDID 4451 subject codes: the payment terms go to
 * BT-20; for a business, "no discount" (AAB), the late-payment penalties (PMD) and the 40 € recovery fee (PMT).
 */
function notesOf(terms: string[]): CiiInput['notes'] {
  const [, discount, penalties] = terms;
  if (!discount || !penalties) return [];
  return [
    { subjectCode: 'AAB', content: discount },
    { subjectCode: 'PMD', content: penalties },
    {
      subjectCode: 'PMT',
      content:
        'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement\u00a0: 40 € (art. D441-5 du Code de commerce).',
    },
  ];
}

/** What the CII of an issued invoice says: its stored document, number, dates and terms, exactly as the PDF prints them. */
export function ciiInputOfInvoice(invoice: Invoice): CiiInput {
  const business = Boolean(invoice.document.buyer.organizationId);
  const terms = paymentTerms(invoice, business);
  return {
    typeCode: '380',
    number: invoice.number,
    issueDate: parisDate(invoice.issuedAt),
    dueDate: invoice.dueDate,
    paymentTerms: terms[0],
    paid: invoice.paymentMethod === 'CARD',
    notes: notesOf(terms),
    document: invoice.document,
  };
}

export const facturXXmlOfInvoice = (invoice: Invoice): string => buildCii(ciiInputOfInvoice(invoice));

/** The invoice's Factur-X: its PDF, as PDF/A-3b, carrying its CII XML as `factur-x.xml`. */
export function renderInvoiceFacturX(invoice: Invoice): Promise<Buffer> {
  return renderInvoicePdf(invoice, facturXEmbedding(facturXXmlOfInvoice(invoice), invoice.issuedAt));
}
