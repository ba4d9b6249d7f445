import { pdfDocumentClass, pdfFonts } from '@app/platform';
import type { Invoice } from '../entities/invoice.entity';
import { parisDate, PAYMENT_TERM_DAYS } from './invoice-dates';
import type { InvoiceAddress, InvoiceParty } from './invoice-draft';
import type { PdfEmbedding } from './factur-x/factur-x-pdf';
import {
  formatDate,
  formatEuros,
  formatQuantity,
  formatSiren,
  formatSiret,
  formatVatRate,
  UNIT_LABELS,
} from './french-format';

export const PAGE = { width: 595.28, height: 841.89, margin: 50 };
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const BOTTOM = PAGE.height - PAGE.margin - 40;

/** Columns of the lines table (the credit note's too): x offset from the margin, width, alignment. */
export const COLUMNS = [
  { title: 'Désignation', width: 175, align: 'left' },
  { title: 'Unité', width: 45, align: 'left' },
  { title: 'Quantité', width: 55, align: 'right' },
  { title: 'PU HT', width: 75, align: 'right' },
  { title: 'TVA', width: 45, align: 'right' },
  { title: 'Total HT', width: 100, align: 'right' },
] as const;

const addressLines = (address: InvoiceAddress | null) =>
  address ? [address.line1, `${address.postalCode} ${address.city}`] : [];

export function sellerLines(seller: InvoiceParty): string[] {
  return [
    seller.name,
    ...addressLines(seller.address),
    ...(seller.siret ? [`SIRET : ${formatSiret(seller.siret)}`] : []),
    ...(seller.vatNumber ? [`N° TVA intracommunautaire : ${seller.vatNumber}`] : []),
  ];
}

export function buyerLines(buyer: InvoiceParty, deliveryAddress: InvoiceAddress): string[] {
  return [
    buyer.name,
    ...(buyer.siret ? [`SIREN : ${formatSiren(buyer.siret)}`] : []),
    ...(buyer.vatNumber ? [`N° TVA intracommunautaire : ${buyer.vatNumber}`] : []),
    'Adresse de facturation :',
    ...addressLines(buyer.address ?? deliveryAddress),
    'Adresse de livraison :',
    ...addressLines(deliveryAddress),
  ];
}

/** What French law asks of an invoice between professionals (Code de commerce L441-9, L441-10, D441-5). */
export function paymentTerms(invoice: Invoice, business: boolean): string[] {
  const terms =
    invoice.paymentMethod === 'CARD'
      ? [`Facture acquittée : payée par carte bancaire le ${formatDate(invoice.dueDate)}.`]
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

/** The invoice as a PDF, in French, from what was stored when it was issued; with `embedding`, its Factur-X (PDF/A-3 with the XML). */
export function renderInvoicePdf(invoice: Invoice, embedding?: PdfEmbedding): Promise<Buffer> {
  const { regular, bold } = pdfFonts();
  const { document } = invoice;
  const doc = new (pdfDocumentClass())({
    size: 'A4',
    margin: PAGE.margin,
    info: { Title: `Facture ${invoice.number}`, Author: document.seller.name, Creator: 'Ancrage' },
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

  doc.font('bold').fontSize(20).text(`Facture ${invoice.number}`, left, y);
  y = doc.y + 6;
  const facts = [
    `Date de facture : ${formatDate(parisDate(invoice.issuedAt))}`,
    `Date de livraison : ${invoice.deliveryDate ? formatDate(invoice.deliveryDate) : 'à venir'}`,
    `Commande : ${document.orderNumber}`,
  ];
  doc.font('regular').fontSize(9).text(facts.join('\n'), left, y);
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
        formatEuros(line.totalCents),
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
  for (const rate of document.vatByRate) {
    summary(
      `TVA ${formatVatRate(rate.vatRateBasisPoints)} sur ${formatEuros(rate.baseCents)}`,
      formatEuros(rate.vatCents),
    );
  }
  y += 4;
  summary('Total HT', formatEuros(invoice.subtotalCents), 'bold');
  summary('Total TVA', formatEuros(invoice.vatCents), 'bold');
  summary('Total TTC', formatEuros(invoice.totalCents), 'bold');
  y += 16;

  const business = Boolean(document.buyer.organizationId);
  doc.font('bold').fontSize(10).text('Conditions de paiement', left, y, { width: CONTENT_WIDTH });
  doc
    .font('regular')
    .fontSize(8.5)
    .text(paymentTerms(invoice, business).join('\n'), left, doc.y + 2, { width: CONTENT_WIDTH });
  doc
    .fontSize(8)
    .text(
      `Facture émise par Ancrage au nom et pour le compte de ${document.seller.name} (mandat de facturation).`,
      left,
      doc.y + 14,
      {
        width: CONTENT_WIDTH,
      },
    );

  embedding?.beforeEnd(doc);
  doc.end();
  return done;
}
