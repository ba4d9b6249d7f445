import PDFDocument from 'pdfkit';
import { PDFParse } from 'pdf-parse';
import { InvoiceStatus } from '../entities/invoice.entity';
import {
  sampleConsumer,
  sampleInvoice as invoiceOf,
  sampleSeller,
  sampleTransferInvoice,
} from './testing/invoice-samples';
import { renderInvoicePdf } from './invoice-pdf';
import { creditNoteDocumentOf } from './credit-notes/credit-note-draft';
import { renderCreditNotePdf } from './credit-notes/credit-note-pdf';

/** The text of a PDF, with every kind of space as one plain space, so that French number formatting compares simply. */
async function textOf(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/[\s\u00a0\u202f]+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

/**
 * The strings a renderer hands to pdfkit, as written: the PDF's extracted text cannot tell a no-break space from a
 * plain one (DejaVu draws both with one glyph), but pdfkit never breaks a line at a no-break space.
 */
async function printedStrings(render: () => Promise<unknown>): Promise<string[]> {
  const text = jest.spyOn(PDFDocument.prototype, 'text');
  try {
    await render();
    return text.mock.calls.map(([printed]) => String(printed));
  } finally {
    text.mockRestore();
  }
}

/** A plain space where French typography wants a no-break one: before « : ; ! ? », inside « ». */
const PLAIN_SPACE_IN_FRENCH = /[^\d] [:;!?](\s|$)|^[:;!?]|« | »/;

describe('renderInvoicePdf', () => {
  it('prints the French legal mentions of an invoice between professionals', async () => {
    const pdf = await renderInvoicePdf(invoiceOf({}));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(pdf);

    for (const mention of [
      'Facture FHJ-2026-7',
      // seller
      'Ferme du Haut-Jura & fils',
      'SIRET : 412 345 678 00012',
      'N° TVA intracommunautaire : FR83412345678',
      '12 rue du Collège',
      '39300 Champagnole',
      // buyer: its SIREN, billing and delivery addresses
      'Bistrot des Lacs',
      'SIREN : 523 456 789',
      '3 place de la Mairie',
      '5 chemin du Lac',
      // dates, order
      'Date de facture : 31/12/2026',
      'Date de livraison : 30/12/2026',
      'CMD-2026-000042',
      // lines: unit, quantity, unit price excluding VAT, VAT rate, total excluding VAT
      'Comté affiné 24 mois',
      'Œufs fermiers <bio>',
      'kg 1,5 28,00 € 5,5 % 42,00 €',
      'pièce 30 0,40 € 5,5 % 12,00 €',
      'litre 6 4,50 € 5,5 % 27,00 €',
      'Livraison',
      '1 234,56 € 20 % 1 234,56 €',
      // VAT per rate, then the totals
      'TVA 5,5 % sur 81,00 € 4,46 €',
      'TVA 20 % sur 1 234,56 € 246,91 €',
      'Total HT 1 315,56 €',
      'Total TVA 251,37 €',
      'Total TTC 1 566,93 €',
      // payment terms and the mentions owed to professionals
      'échéance le 29/01/2027',
      "Pas d'escompte pour paiement anticipé",
      'pénalités',
      'indemnité forfaitaire pour frais de recouvrement de 40 €',
      'Facture émise par Ancrage au nom et pour le compte de Ferme du Haut-Jura & fils (mandat de facturation)',
    ]) {
      expect(text).toContain(mention);
    }
  });

  it("prints the seller's IBAN in groups of 4 and its BIC under the terms of an invoice paid by transfer", async () => {
    const printed = await printedStrings(() => renderInvoicePdf(sampleTransferInvoice()));
    const terms = printed.find((line) => line.startsWith('Paiement à 30 jours'))!.split('\n');
    expect(terms.slice(0, 2)).toEqual([
      'Paiement à 30 jours date de livraison, échéance le 29/01/2027.',
      'Règlement par virement — IBAN\u00a0: FR76 3000 6000 0112 3456 7890 189 — BIC\u00a0: AGRIFRPP839',
    ]);
    const text = await textOf(await renderInvoicePdf(sampleTransferInvoice(null)));
    expect(text).toContain('Règlement par virement — IBAN : FR76 3000 6000 0112 3456 7890 189 ');
    expect(text).not.toContain('BIC');
    // Without bank details (an invoice issued before they were kept), and on a card invoice, no transfer line.
    expect(await textOf(await renderInvoicePdf(invoiceOf()))).not.toContain('virement');
    const card = invoiceOf(
      {
        seller: { ...sampleSeller, bankAccount: { iban: 'FR7630006000011234567890189', bic: null } },
        paymentMethod: 'CARD',
      },
      { status: InvoiceStatus.PAID },
    );
    expect(await textOf(await renderInvoicePdf(card))).not.toContain('IBAN');
  });

  it('prints a paid card invoice to a consumer without the professional mentions', async () => {
    const invoice = invoiceOf(
      { buyer: sampleConsumer, deliveryDate: null, paymentMethod: 'CARD' },
      { deliveryDate: null, dueDate: '2026-12-31', status: InvoiceStatus.PAID },
    );
    const text = await textOf(await renderInvoicePdf(invoice));

    expect(text).toContain('Camille Martin');
    expect(text).not.toContain('SIREN');
    expect(text).toContain('Date de livraison : à venir');
    expect(text).toContain('Facture acquittée : payée par carte bancaire le 31/12/2026');
    expect(text).not.toContain('indemnité forfaitaire');
    expect(text).toContain('(mandat de facturation)');
  });

  it('prints a no-break space before « : » and « ; », as French typography wants (no line breaks before them)', async () => {
    const invoice = await printedStrings(() => renderInvoicePdf(invoiceOf({})));
    const card = await printedStrings(() =>
      renderInvoicePdf(invoiceOf({ buyer: sampleConsumer, paymentMethod: 'CARD' }, { status: InvoiceStatus.PAID })),
    );
    const note = await printedStrings(() =>
      renderCreditNotePdf({
        number: 'FHJ-AV-2027-1',
        issuedAt: new Date('2027-01-05T10:00:00Z'),
        document: creditNoteDocumentOf(invoiceOf({}), [], 1_000, 'Produit abîmé'),
      }),
    );

    expect(invoice.join('\n')).toContain('Date de facture\u00a0: 31/12/2026');
    expect(invoice.join('\n')).toContain('Adresse de livraison\u00a0:');
    expect(card.join('\n')).toContain('Facture acquittée\u00a0: payée par carte bancaire');
    expect(note).toContain('Motif\u00a0: ');
    expect(note.join('\n')).toContain('Commande\u00a0: CMD-2026-000042');
    expect([...invoice, ...card, ...note].filter((text) => PLAIN_SPACE_IN_FRENCH.test(text))).toEqual([]);
  });

  it('carries on to a second page when the lines do not fit on one', async () => {
    const line = {
      name: 'Pommes Reinette',
      unit: 'KG' as const,
      quantityThousandths: 1000,
      unitPriceCents: 350,
      vatRateBasisPoints: 550,
      totalCents: 350,
    };
    const lines = Array.from({ length: 80 }, () => line);
    const invoice = invoiceOf({
      lines,
      vatByRate: [{ vatRateBasisPoints: 550, baseCents: 28000, vatCents: 1540 }],
      subtotalCents: 28000,
      vatCents: 1540,
      totalCents: 29540,
    });
    const parser = new PDFParse({ data: new Uint8Array(await renderInvoicePdf(invoice)) });
    try {
      const result = await parser.getText();
      expect(result.total).toBeGreaterThan(1);
      expect(result.text.replace(/[\s\u00a0\u202f]+/g, ' ')).toContain('Total TTC 295,40 €');
    } finally {
      await parser.destroy();
    }
  });
});

describe('renderCreditNotePdf', () => {
  it('prints the French legal mentions of a credit note: the parties, the invoice it corrects, the reason, the credited amounts', async () => {
    const invoice = invoiceOf({});
    const document = creditNoteDocumentOf(invoice, [], 1_000, 'Produit abîmé');
    const text = await textOf(
      await renderCreditNotePdf({ number: 'FHJ-AV-2027-1', issuedAt: new Date('2027-01-05T10:00:00Z'), document }),
    );

    for (const mention of [
      'Avoir FHJ-AV-2027-1',
      "Date de l'avoir : 05/01/2027",
      "Facture d'origine : FHJ-2026-7 du 31/12/2026",
      'Commande : CMD-2026-000042',
      'Motif : Produit abîmé',
      // seller and buyer with their legal identifiers
      'Ferme du Haut-Jura & fils',
      'SIRET : 412 345 678 00012',
      'N° TVA intracommunautaire : FR83412345678',
      'Bistrot des Lacs',
      'SIREN : 523 456 789',
      'N° TVA intracommunautaire : FR40523456789',
      'Adresse de facturation : 3 place de la Mairie',
      'Adresse de livraison : 5 chemin du Lac',
      // credited amounts per VAT rate, negative, adding up to the amount credited
      'TVA 5,5 % sur -0,52 € -0,03 €',
      'TVA 20 % sur -7,88 € -1,57 €',
      'Total HT -8,40 €',
      'Total TVA -1,60 €',
      'Total TTC -10,00 €',
      'Montant de 10,00 € TTC à déduire du règlement de la facture FHJ-2026-7.',
      'Cet avoir annule une partie de la facture FHJ-2026-7.',
      'Avoir émis par Ancrage au nom et pour le compte de Ferme du Haut-Jura & fils (mandat de facturation).',
    ]) {
      expect(text).toContain(mention);
    }
  });
});
