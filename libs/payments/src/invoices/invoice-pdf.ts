import type { Invoice } from '../entities/invoice.entity';
import { parisDate, PAYMENT_TERM_DAYS } from './invoice-dates';
import type { InvoiceAddress, InvoiceParty } from './invoice-draft';
import type { PdfEmbedding } from './factur-x/factur-x-pdf';
import { lineCells, renderTradeDocumentPdf, vatRateRow } from './trade-document-pdf';
import { formatDate, formatEuros, formatSiren, formatSiret } from '@app/platform';
import { formatIban } from '@app/identity';

const addressLines = (address: InvoiceAddress | null) =>
  address ? [address.line1, `${address.postalCode} ${address.city}`] : [];

export function sellerLines(seller: InvoiceParty): string[] {
  return [
    seller.name,
    ...addressLines(seller.address),
    ...(seller.siret ? [`SIRET\u00a0: ${formatSiret(seller.siret)}`] : []),
    ...(seller.vatNumber ? [`N° TVA intracommunautaire\u00a0: ${seller.vatNumber}`] : []),
  ];
}

export function buyerLines(buyer: InvoiceParty, deliveryAddress: InvoiceAddress): string[] {
  return [
    buyer.name,
    ...(buyer.siret ? [`SIREN\u00a0: ${formatSiren(buyer.siret)}`] : []),
    ...(buyer.vatNumber ? [`N° TVA intracommunautaire\u00a0: ${buyer.vatNumber}`] : []),
    'Adresse de facturation\u00a0:',
    ...addressLines(buyer.address ?? deliveryAddress),
    'Adresse de livraison\u00a0:',
    ...addressLines(deliveryAddress),
  ];
}

/** What French law asks of an invoice between professionals (Code de commerce L441-9, L441-10, D441-5). */
export function paymentTerms(invoice: Invoice, business: boolean): string[] {
  const terms =
    invoice.paymentMethod === 'CARD'
      ? [`Facture acquittée\u00a0: payée par carte bancaire le ${formatDate(invoice.dueDate)}.`]
      : [
          `Paiement à ${PAYMENT_TERM_DAYS} jours ${invoice.deliveryDate ? 'date de livraison' : "date d'émission"}, échéance le ${formatDate(invoice.dueDate)}.`,
        ];
  if (!business) return terms;
  return [
    ...terms,
    "Pas d'escompte pour paiement anticipé.",
    "En cas de retard de paiement, pénalités exigibles au taux d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points (art. L441-10 du Code de commerce), et indemnité forfaitaire pour frais de recouvrement de 40 € (art. D441-5 du Code de commerce).",
  ];
}

/** Where to transfer the money, as printed under the payment terms; null when the invoice carries no bank details. */
export function transferLine(invoice: Invoice): string | null {
  const account = invoice.paymentMethod === 'INVOICE' ? invoice.document.seller.bankAccount : null;
  if (!account) return null;
  return `Règlement par virement — IBAN\u00a0: ${formatIban(account.iban)}${account.bic ? ` — BIC\u00a0: ${account.bic}` : ''}`;
}

/** The terms with the bank details right under the first (the due date), the legal mentions after. */
const withTransferLine = ([first, ...rest]: string[], transfer: string | null) =>
  transfer ? [first, transfer, ...rest] : [first, ...rest];

/** The invoice as a PDF, in French, from what was stored when it was issued; with `embedding`, its Factur-X (PDF/A-3 with the XML). */
export function renderInvoicePdf(invoice: Invoice, embedding?: PdfEmbedding): Promise<Buffer> {
  const { document } = invoice;
  return renderTradeDocumentPdf(
    {
      title: `Facture ${invoice.number}`,
      sellerName: document.seller.name,
      facts: [
        `Date de facture\u00a0: ${formatDate(parisDate(invoice.issuedAt))}`,
        `Date de livraison\u00a0: ${invoice.deliveryDate ? formatDate(invoice.deliveryDate) : 'à venir'}`,
        `Commande\u00a0: ${document.orderNumber}`,
      ],
      seller: sellerLines(document.seller),
      buyer: buyerLines(document.buyer, document.deliveryAddress),
      lines: document.lines.map((line) => lineCells(line)),
      vatByRate: document.vatByRate.map((rate) => vatRateRow(rate)),
      totals: [
        ['Total HT', formatEuros(invoice.subtotalCents)],
        ['Total TVA', formatEuros(invoice.vatCents)],
        ['Total TTC', formatEuros(invoice.totalCents)],
      ],
      closing: {
        title: 'Conditions de paiement',
        lines: withTransferLine(paymentTerms(invoice, Boolean(document.buyer.organizationId)), transferLine(invoice)),
      },
      mandate: `Facture émise par Ancrage au nom et pour le compte de ${document.seller.name} (mandat de facturation).`,
    },
    embedding,
  );
}
