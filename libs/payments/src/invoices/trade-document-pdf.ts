import {
  formatEuros,
  formatQuantity,
  formatVatRate,
  newPdfDocument,
  pdfBytes,
  PdfLayout,
  type PdfTableColumn,
} from '@app/platform';
import type { InvoiceLineDraft, VatRateTotal } from './invoice-draft';
import type { PdfEmbedding } from './factur-x/factur-x-pdf';

/** The units as an invoice line prints them. */
export const UNIT_LABELS: Record<'KG' | 'PIECE' | 'LITRE', string> = { KG: 'kg', PIECE: 'pièce', LITRE: 'litre' };

/** Columns of the lines table of an invoice and of a credit note. */
export const LINE_COLUMNS: readonly PdfTableColumn[] = [
  { title: 'Désignation', width: 175, align: 'left' },
  { title: 'Unité', width: 45, align: 'left' },
  { title: 'Quantité', width: 55, align: 'right' },
  { title: 'PU HT', width: 75, align: 'right' },
  { title: 'TVA', width: 45, align: 'right' },
  { title: 'Total HT', width: 100, align: 'right' },
];

/** A line's cells in the order of `LINE_COLUMNS`; `amount` prints its total (a credit note's come off: negative). */
export const lineCells = (line: InvoiceLineDraft, amount = formatEuros): string[] => [
  line.name,
  UNIT_LABELS[line.unit],
  formatQuantity(line.quantityThousandths),
  formatEuros(line.unitPriceCents),
  formatVatRate(line.vatRateBasisPoints),
  amount(line.totalCents),
];

/** "TVA 5,5 % sur 81,00 €" and its VAT, one per rate; `amount` as for `lineCells`. */
export const vatRateRow = (rate: VatRateTotal, amount = formatEuros): [string, string] => [
  `TVA ${formatVatRate(rate.vatRateBasisPoints)} sur ${amount(rate.baseCents)}`,
  amount(rate.vatCents),
];

/** What an invoice or a credit note prints, already in French: the two differ in words, not in layout. */
export interface TradeDocument {
  /** "Facture F-…" or "Avoir …": the document's title and the PDF's. */
  title: string;
  sellerName: string;
  /** Dates and references under the title. */
  facts: string[];
  /** A credit note's reason, printed under the facts. */
  reason?: string;
  seller: string[];
  buyer: string[];
  /** One row of cells per line, in the order of `LINE_COLUMNS`. */
  lines: string[][];
  /** "TVA 5,5 % sur …" and the VAT, one per rate, then the totals (HT, TVA, TTC). */
  vatByRate: [label: string, value: string][];
  totals: [label: string, value: string][];
  /** How it is paid or settled. */
  closing: { title: string; lines: string[] };
  /** Who issued it for whom (the billing mandate). */
  mandate: string;
}

/** The document as an A4 PDF; with `embedding`, its Factur-X (PDF/A-3 with the XML attached). */
export function renderTradeDocumentPdf(document: TradeDocument, embedding?: PdfEmbedding): Promise<Buffer> {
  const doc = newPdfDocument({
    title: document.title,
    author: document.sellerName,
    documentOptions: embedding?.documentOptions,
  });
  const bytes = pdfBytes(doc);
  const layout = new PdfLayout(doc);
  const { left, contentWidth } = layout;

  doc.font('bold').fontSize(20).text(document.title, left, doc.y);
  layout.space(6);
  doc.font('regular').fontSize(9).text(document.facts.join('\n'), left, doc.y);
  if (document.reason) {
    layout.space(8);
    doc
      .font('bold')
      .fontSize(9)
      .text('Motif\u00a0: ', left, doc.y, { continued: true })
      .font('regular')
      .text(document.reason, { width: contentWidth });
  }
  layout.space(16);
  layout.columns([
    { title: 'Vendeur', lines: document.seller },
    { title: 'Client', lines: document.buyer },
  ]);
  layout.space(20);

  layout.table(
    LINE_COLUMNS,
    document.lines.map((cells) => ({ cells })),
  );
  layout.rule();
  layout.space(8);
  const summary = { size: 9, indent: 250, labelEnd: 395 };
  for (const [label, value] of document.vatByRate) layout.figure(label, value, { ...summary, valueFont: 'regular' });
  layout.space(4);
  for (const [label, value] of document.totals) layout.figure(label, value, { ...summary, font: 'bold' });
  layout.space(16);

  layout.ensure(60);
  doc.font('bold').fontSize(10).text(document.closing.title, left, doc.y, { width: contentWidth });
  doc
    .font('regular')
    .fontSize(8.5)
    .text(document.closing.lines.join('\n'), left, doc.y + 2, { width: contentWidth });
  doc.fontSize(8).text(document.mandate, left, doc.y + 14, { width: contentWidth });

  embedding?.beforeEnd(doc);
  doc.end();
  return bytes;
}
