import { pdfDocumentClass, pdfFonts } from '@app/platform';
import { parisDate } from '../invoice-dates';
import { BOTTOM, buyerLines, COLUMNS, CONTENT_WIDTH, PAGE, sellerLines } from '../invoice-pdf';
import { formatDate, formatEuros, formatQuantity, formatVatRate, UNIT_LABELS } from '../french-format';
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

/** How the money goes back, as printed (and as the Factur-X's payment terms say it). */
export function creditNoteSettlement(document: CreditNoteDocument): string {
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
  const { regular, bold } = pdfFonts();
  const { document } = note;
  const doc = new (pdfDocumentClass())({
    size: 'A4',
    margin: PAGE.margin,
    info: { Title: `Avoir ${note.number}`, Author: document.seller.name, Creator: 'Ancrage' },
    ...embedding?.documentOptions,
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = PAGE.margin;
  const half = left + CONTENT_WIDTH / 2 + 10;
  let y = PAGE.margin;

  doc.font('bold').fontSize(20).text(`Avoir ${note.number}`, left, y);
  y = doc.y + 6;
  const facts = [
    `Date de l'avoir : ${formatDate(parisDate(note.issuedAt))}`,
    `Facture d'origine : ${document.invoiceNumber} du ${formatDate(parisDate(new Date(document.invoiceIssuedAt)))}`,
    `Commande : ${document.orderNumber}`,
  ];
  doc.font('regular').fontSize(9).text(facts.join('\n'), left, y);
  y = doc.y + 8;
  doc
    .font('bold')
    .fontSize(9)
    .text('Motif : ', left, y, { continued: true })
    .font('regular')
    .text(document.reason, { width: CONTENT_WIDTH });
  y = doc.y + 16;

  const block = (title: string, lines: string[], x: number, top: number) => {
    doc
      .font('bold')
      .fontSize(10)
      .text(title, x, top, { width: CONTENT_WIDTH / 2 - 10 });
    doc
      .font('regular')
      .fontSize(9)
      .text(lines.join('\n'), x, doc.y + 2, { width: CONTENT_WIDTH / 2 - 10 });
    return doc.y;
  };
  const sellerBottom = block('Vendeur', sellerLines(document.seller), left, y);
  const buyerBottom = block('Client', buyerLines(document.buyer, document.deliveryAddress), half, y);
  y = Math.max(sellerBottom, buyerBottom) + 20;

  const row = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(9);
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: COLUMNS[i].width - 4 })));
    if (y + height > BOTTOM) {
      doc.addPage();
      y = PAGE.margin;
    }
    let x = left;
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: COLUMNS[i].width - 4, align: COLUMNS[i].align });
      x += COLUMNS[i].width;
    });
    y += height + 5;
  };
  const rule = () => {
    doc
      .moveTo(left, y - 2)
      .lineTo(left + CONTENT_WIDTH, y - 2)
      .lineWidth(0.5)
      .stroke();
    y += 3;
  };

  row(
    COLUMNS.map((column) => column.title),
    'bold',
  );
  rule();
  for (const line of document.lines) {
    row(
      [
        line.name,
        UNIT_LABELS[line.unit],
        formatQuantity(line.quantityThousandths),
        formatEuros(line.unitPriceCents),
        formatVatRate(line.vatRateBasisPoints),
        minus(line.totalCents),
      ],
      'regular',
    );
  }
  rule();
  y += 8;

  const summary = (label: string, value: string, font: 'regular' | 'bold' = 'regular') => {
    if (y + 14 > BOTTOM) {
      doc.addPage();
      y = PAGE.margin;
    }
    doc.font(font).fontSize(9);
    doc.text(label, left + 250, y, { width: 145 });
    doc.text(value, left + 395, y, { width: 100, align: 'right' });
    y += 14;
  };
  for (const rate of document.vatByRate)
    summary(`TVA ${formatVatRate(rate.vatRateBasisPoints)} sur ${minus(rate.baseCents)}`, minus(rate.vatCents));
  y += 4;
  summary('Total HT', minus(document.subtotalCents), 'bold');
  summary('Total TVA', minus(document.vatCents), 'bold');
  summary('Total TTC', minus(document.totalCents), 'bold');
  y += 16;

  const settlement = creditNoteSettlement(document);
  doc.font('bold').fontSize(10).text('Règlement', left, y, { width: CONTENT_WIDTH });
  doc
    .font('regular')
    .fontSize(8.5)
    .text(
      [
        settlement,
        `Cet avoir annule ${document.wholeInvoice ? 'la totalité' : 'une partie'} de la facture ${document.invoiceNumber}.`,
      ].join('\n'),
      left,
      doc.y + 2,
      { width: CONTENT_WIDTH },
    );
  doc
    .fontSize(8)
    .text(
      `Avoir émis par Ancrage au nom et pour le compte de ${document.seller.name} (mandat de facturation).`,
      left,
      doc.y + 14,
      { width: CONTENT_WIDTH },
    );

  embedding?.beforeEnd(doc);
  doc.end();
  return done;
}
