import { PDFParse } from 'pdf-parse';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity';
import type { InvoiceDocument } from './invoice-draft';
import { renderInvoicePdf } from './invoice-pdf';

/** The text of a PDF, with every kind of space as one plain space, so that French number formatting compares simply. */
async function textOf(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/[\s\u00a0\u202f]+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

const seller = {
  organizationId: '7d0f3c2e-1a8b-4c5d-9e6f-0a1b2c3d4e5f',
  userId: null,
  name: 'Ferme du Haut-Jura',
  siret: '41234567800012',
  vatNumber: 'FR83412345678',
  address: { line1: '12 rue du Collège', postalCode: '39300', city: 'Champagnole' },
};

function invoiceOf(document: Partial<InvoiceDocument>, values: Partial<Invoice> = {}): Invoice {
  const full: InvoiceDocument = {
    supplierOrderId: '0b8e2f7a-3c4d-4e5f-8a9b-1c2d3e4f5a6b',
    orderId: '1c9f3a8b-4d5e-4f6a-9b0c-2d3e4f5a6b7c',
    orderNumber: 'CMD-2026-000042',
    seller,
    buyer: {
      organizationId: '2d0a4b9c-5e6f-4a7b-8c1d-3e4f5a6b7c8d',
      userId: '3e1b5c0d-6f7a-4b8c-9d2e-4f5a6b7c8d9e',
      name: 'Bistrot des Lacs',
      siret: '52345678900027',
      vatNumber: 'FR40523456789',
      address: { line1: '3 place de la Mairie', postalCode: '39130', city: 'Clairvaux-les-Lacs' },
    },
    deliveryAddress: { line1: '5 chemin du Lac', postalCode: '39130', city: 'Clairvaux-les-Lacs' },
    deliveryDate: '2026-12-30',
    lines: [
      {
        name: 'Comté affiné 24 mois',
        unit: 'KG',
        quantityThousandths: 1500,
        unitPriceCents: 2800,
        vatRateBasisPoints: 550,
        totalCents: 4200,
      },
      {
        name: 'Œufs fermiers',
        unit: 'PIECE',
        quantityThousandths: 30000,
        unitPriceCents: 40,
        vatRateBasisPoints: 550,
        totalCents: 1200,
      },
      {
        name: 'Jus de pomme',
        unit: 'LITRE',
        quantityThousandths: 6000,
        unitPriceCents: 450,
        vatRateBasisPoints: 550,
        totalCents: 2700,
      },
      {
        name: 'Livraison',
        unit: 'PIECE',
        quantityThousandths: 1000,
        unitPriceCents: 123456,
        vatRateBasisPoints: 2000,
        totalCents: 123456,
      },
    ],
    vatByRate: [
      { vatRateBasisPoints: 550, baseCents: 8100, vatCents: 446 },
      { vatRateBasisPoints: 2000, baseCents: 123456, vatCents: 24691 },
    ],
    subtotalCents: 131556,
    vatCents: 25137,
    totalCents: 156693,
    paymentMethod: 'INVOICE',
    issuedAt: '2026-12-31T09:15:00.000Z',
    ...document,
  };
  return Object.assign(new Invoice(), {
    number: 'FHJ-2026-0007',
    issuerId: seller.organizationId,
    seriesYear: 2026,
    sequence: 7,
    paymentMethod: full.paymentMethod,
    issuedAt: new Date(full.issuedAt),
    deliveryDate: full.deliveryDate,
    dueDate: '2027-01-29',
    subtotalCents: full.subtotalCents,
    vatCents: full.vatCents,
    totalCents: full.totalCents,
    status: InvoiceStatus.ISSUED,
    document: full,
    ...values,
  });
}

describe('renderInvoicePdf', () => {
  it('prints the French legal mentions of an invoice between professionals', async () => {
    const pdf = await renderInvoicePdf(invoiceOf({}));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(pdf);

    for (const mention of [
      'Facture FHJ-2026-0007',
      // seller
      'Ferme du Haut-Jura',
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
      'Œufs fermiers',
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
      'Facture émise par Ancrage au nom et pour le compte de Ferme du Haut-Jura (mandat de facturation)',
    ]) {
      expect(text).toContain(mention);
    }
  });

  it('prints a paid card invoice to a consumer without the professional mentions', async () => {
    const consumer = {
      organizationId: null,
      userId: '4f2c6d1e-7a8b-4c9d-8e3f-5a6b7c8d9e0f',
      name: 'Camille Martin',
      siret: null,
      vatNumber: null,
      address: null,
    };
    const invoice = invoiceOf(
      { buyer: consumer, deliveryDate: null, paymentMethod: 'CARD' },
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
