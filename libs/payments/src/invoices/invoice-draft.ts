/**
 * What the ordering context hands over to issue an invoice: everything the document shows, already computed.
 * Quantities are integer thousandths (1500 = 1.5 kg), VAT rates basis points (550 = 5.5 %), money integer cents.
 * The money is copied as it is, never recomputed here: the invoice must say what the order said.
 */

export type InvoicePaymentMethod = 'CARD' | 'INVOICE';

export interface InvoiceAddress {
  line1: string;
  postalCode: string;
  city: string;
}

/** The account a transfer pays: the IBAN normalised (no spaces), the BIC if the producer gave one. */
export interface InvoiceBankAccount {
  iban: string;
  bic: string | null;
}

export interface InvoiceParty {
  organizationId: string | null;
  userId: string | null;
  name: string;
  siret: string | null;
  vatNumber: string | null;
  address: InvoiceAddress | null;
  /**
   * The seller's bank details as they were at issue, on an invoice paid by transfer (paymentMethod INVOICE) whose
   * producer had given them; absent otherwise, and on invoices issued before they were kept.
   */
  bankAccount?: InvoiceBankAccount | null;
}

export interface InvoiceLineDraft {
  name: string;
  unit: 'KG' | 'PIECE' | 'LITRE';
  quantityThousandths: number;
  unitPriceCents: number;
  vatRateBasisPoints: number;
  totalCents: number;
}

export interface VatRateTotal {
  vatRateBasisPoints: number;
  baseCents: number;
  vatCents: number;
}

export interface InvoiceDraft {
  supplierOrderId: string;
  orderId: string;
  orderNumber: string;
  /** The producer: organizationId, name, siret, vatNumber and address all set. */
  seller: InvoiceParty;
  /** A business (organizationId and siret set) or a consumer (organizationId null); userId is who ordered, always set. */
  buyer: InvoiceParty;
  deliveryAddress: InvoiceAddress;
  /** Null when invoiced before delivery (card payments). */
  deliveryDate: Date | null;
  /** The goods, and possibly a delivery-fee line named "Livraison". */
  lines: InvoiceLineDraft[];
  vatByRate: VatRateTotal[];
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  paymentMethod: InvoicePaymentMethod;
  /** Defaults to the moment the number is taken. */
  issuedAt?: Date;
}

/** The draft as stored with the invoice (JSON: dates as text), so that the document can be printed again as issued. */
export type InvoiceDocument = Omit<InvoiceDraft, 'deliveryDate' | 'issuedAt'> & {
  /** YYYY-MM-DD in France, or null. */
  deliveryDate: string | null;
  /** ISO 8601 instant. */
  issuedAt: string;
};

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * A draft whose figures do not add up would become a legal document that cannot be corrected except by a credit
 * note: refuse it loudly (a programming error in the caller, not a user mistake).
 */
export function assertConsistentDraft(draft: InvoiceDraft): void {
  const problems: string[] = [];
  const amounts = [
    draft.subtotalCents,
    draft.vatCents,
    draft.totalCents,
    ...draft.lines.flatMap((line) => [line.totalCents, line.unitPriceCents, line.quantityThousandths]),
    ...draft.vatByRate.flatMap((rate) => [rate.baseCents, rate.vatCents]),
  ];
  if (!amounts.every((amount) => Number.isSafeInteger(amount) && amount >= 0))
    problems.push('amounts and quantities must be non-negative integers');
  if (!draft.lines.length) problems.push('an invoice has at least one line');
  if (draft.subtotalCents + draft.vatCents !== draft.totalCents) problems.push('subtotal + VAT must equal the total');
  if (sum(draft.lines.map((line) => line.totalCents)) !== draft.subtotalCents)
    problems.push('the lines must add up to the subtotal');
  if (sum(draft.vatByRate.map((rate) => rate.baseCents)) !== draft.subtotalCents)
    problems.push('the VAT bases must add up to the subtotal');
  if (sum(draft.vatByRate.map((rate) => rate.vatCents)) !== draft.vatCents)
    problems.push('the VAT per rate must add up to the VAT');
  if (!draft.seller.organizationId) problems.push('the seller is an organization');
  if (!draft.buyer.userId) problems.push('the buyer names the user who ordered, for a business too');
  if (problems.length)
    throw new Error(`Invoice draft for supplier order ${draft.supplierOrderId} refused: ${problems.join('; ')}.`);
}
