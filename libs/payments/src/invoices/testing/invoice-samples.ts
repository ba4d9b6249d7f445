import { Invoice, InvoiceStatus } from '../../entities/invoice.entity';
import type { InvoiceDocument } from '../invoice-draft';

/**
 * An invoice as issued, for the specs of what prints and exports it (PDF, Factur-X): a producer invoicing a
 * restaurant four lines at two VAT rates, with characters that must be escaped in XML ("&", "<").
 */
export const sampleSeller = {
  organizationId: '7d0f3c2e-1a8b-4c5d-9e6f-0a1b2c3d4e5f',
  userId: null,
  name: 'Ferme du Haut-Jura & fils',
  siret: '41234567800012',
  vatNumber: 'FR83412345678',
  address: { line1: '12 rue du Collège', postalCode: '39300', city: 'Champagnole' },
};

export const sampleDocument: InvoiceDocument = {
  supplierOrderId: '0b8e2f7a-3c4d-4e5f-8a9b-1c2d3e4f5a6b',
  orderId: '1c9f3a8b-4d5e-4f6a-9b0c-2d3e4f5a6b7c',
  orderNumber: 'CMD-2026-000042',
  seller: sampleSeller,
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
      name: 'Œufs fermiers <bio>',
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
};

export function sampleInvoice(changes: Partial<InvoiceDocument> = {}, values: Partial<Invoice> = {}): Invoice {
  const full = { ...sampleDocument, ...changes };
  return Object.assign(new Invoice(), {
    id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
    number: 'FHJ-2026-7',
    issuerId: sampleSeller.organizationId,
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

/** The seller's bank details as an invoice paid by transfer carries them (the French banks' example IBAN). */
export const sampleBankAccount = { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP839' };

/** The sample invoice paid by transfer to the seller's account (`bic` null: the IBAN alone). */
export const sampleTransferInvoice = (bic: string | null = sampleBankAccount.bic): Invoice =>
  sampleInvoice({ seller: { ...sampleSeller, bankAccount: { ...sampleBankAccount, bic } } });

export const sampleConsumer = {
  organizationId: null,
  userId: '4f2c6d1e-7a8b-4c9d-8e3f-5a6b7c8d9e0f',
  name: 'Camille Martin',
  siret: null,
  vatNumber: null,
  address: null,
};
/** A consumer's invoice, paid by card at the order (no delivery date yet). */
export const sampleCardInvoice = (): Invoice =>
  sampleInvoice(
    { buyer: sampleConsumer, deliveryDate: null, paymentMethod: 'CARD' },
    { deliveryDate: null, dueDate: '2026-12-31', status: InvoiceStatus.PAID },
  );
