import { splitProportionally } from '@app/platform';
import type {
  InvoiceAddress,
  InvoiceDocument,
  InvoiceLineDraft,
  InvoiceParty,
  InvoicePaymentMethod,
  VatRateTotal,
} from '../invoice-draft';

/**
 * What a credit note (avoir) shows, as a plain object: the PDF prints it and a Factur-X writer can read the same
 * data. Amounts are what is credited, in positive integer cents (the PDF prints them negative); quantities in
 * thousandths, rates in basis points, like the invoice's.
 */
export interface CreditNoteDocument {
  /** The invoice it corrects. */
  invoiceId: string;
  invoiceNumber: string;
  /** ISO 8601 instant of the invoice. */
  invoiceIssuedAt: string;
  orderNumber: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  deliveryAddress: InvoiceAddress;
  paymentMethod: InvoicePaymentMethod;
  /**
   * How the credited amount reached the buyer, when not by the way the invoice was paid (a card refund by Ancrage, or
   * off what the buyer owes): `BUYER_BANK`, its bank gave it back through a card payment dispute it accepted, and
   * nothing more is refunded. Decided when the credit note is issued and stored with it (absent on all others, and
   * on every credit note issued before it existed), so that its printed wording never changes.
   */
  settledBy?: CreditNoteSettledBy;
  reason: string;
  /** Whether it credits the whole invoice at once (then its lines are the invoice's). */
  wholeInvoice: boolean;
  lines: InvoiceLineDraft[];
  vatByRate: VatRateTotal[];
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
}

/** Who gave the credited amount back, when not Ancrage (see `CreditNoteDocument.settledBy`). */
export type CreditNoteSettledBy = 'BUYER_BANK';

/** What the invoice still has to credit, per VAT rate, after the credit notes already issued against it. */
export function remainingByRate(
  invoiceRates: readonly VatRateTotal[],
  credited: readonly VatRateTotal[],
): VatRateTotal[] {
  return invoiceRates.map((rate) => {
    const done = credited.filter((one) => one.vatRateBasisPoints === rate.vatRateBasisPoints);
    const baseCents = rate.baseCents - done.reduce((sum, one) => sum + one.baseCents, 0);
    const vatCents = rate.vatCents - done.reduce((sum, one) => sum + one.vatCents, 0);
    return { vatRateBasisPoints: rate.vatRateBasisPoints, baseCents, vatCents };
  });
}

/**
 * `amountCents` (VAT included) credited against the invoice, spread over its VAT rates in proportion to what is
 * left of each, and within a rate between base and VAT so that the rate's cumulative credited VAT follows its
 * cumulative credited amount (half-up): credits add up to the invoice exactly once it is wholly credited.
 */
export function creditedByRate(
  invoiceRates: readonly VatRateTotal[],
  credited: readonly VatRateTotal[],
  amountCents: number,
): VatRateTotal[] {
  const remaining = remainingByRate(invoiceRates, credited);
  const left = remaining.map((rate) => rate.baseCents + rate.vatCents);
  const available = left.reduce((sum, cents) => sum + cents, 0);
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > available) {
    throw new Error(`A credit note of ${amountCents} cents does not fit the ${available} cents left on the invoice.`);
  }
  const shares = splitProportionally(amountCents, left);
  return invoiceRates
    .map((rate, index) => {
      const rateTotal = rate.baseCents + rate.vatCents;
      const creditedBefore = rateTotal - left[index];
      const vatBefore = rate.vatCents - remaining[index].vatCents;
      const vatTarget =
        rateTotal === 0
          ? 0
          : Number(
              (BigInt(creditedBefore + shares[index]) * BigInt(rate.vatCents) * 2n + BigInt(rateTotal)) /
                (2n * BigInt(rateTotal)),
            );
      const vatCents = vatTarget - vatBefore;
      return { vatRateBasisPoints: rate.vatRateBasisPoints, baseCents: shares[index] - vatCents, vatCents };
    })
    .filter((rate) => rate.baseCents + rate.vatCents > 0);
}

export interface InvoiceToCredit {
  id: string;
  number: string;
  issuedAt: Date;
  totalCents: number;
  document: InvoiceDocument;
}

const RATE_TEXT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/**
 * The words of a partial credit note's line (one per VAT rate): who gave the money back. Ancrage refunds it (a card
 * refund, or off what is owed), or the buyer's bank did, through a card dispute it accepted: then it is no refund of
 * the seller's, and the line says so as the settlement does (`creditNoteSettlement`).
 */
export function partLineName(invoiceNumber: string, settledBy?: CreditNoteSettledBy): string {
  return settledBy === 'BUYER_BANK'
    ? `Montant rendu à l’acheteur par sa banque sur la facture ${invoiceNumber}`
    : `Remboursement partiel de la facture ${invoiceNumber}`;
}

/**
 * The credit note of `amountCents` against `invoice`, after `credited` (the credit notes already issued): the
 * invoice's own lines when it credits the whole invoice at once, otherwise one line per VAT rate.
 */
export function creditNoteDocumentOf(
  invoice: InvoiceToCredit,
  credited: readonly VatRateTotal[],
  amountCents: number,
  reason: string,
  settledBy?: CreditNoteSettledBy,
): CreditNoteDocument {
  const vatByRate = creditedByRate(invoice.document.vatByRate, credited, amountCents);
  const wholeInvoice = credited.length === 0 && amountCents === invoice.totalCents;
  const lines: InvoiceLineDraft[] = wholeInvoice
    ? invoice.document.lines.map((line) => ({ ...line }))
    : vatByRate.map((rate) => ({
        name: `${partLineName(invoice.number, settledBy)} (TVA ${RATE_TEXT.format(rate.vatRateBasisPoints / 100)} %)`,
        unit: 'PIECE',
        quantityThousandths: 1000,
        unitPriceCents: rate.baseCents,
        vatRateBasisPoints: rate.vatRateBasisPoints,
        totalCents: rate.baseCents,
      }));
  const subtotalCents = vatByRate.reduce((sum, rate) => sum + rate.baseCents, 0);
  const vatCents = vatByRate.reduce((sum, rate) => sum + rate.vatCents, 0);
  const { document } = invoice;
  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    invoiceIssuedAt: invoice.issuedAt.toISOString(),
    orderNumber: document.orderNumber,
    seller: document.seller,
    buyer: document.buyer,
    deliveryAddress: document.deliveryAddress,
    paymentMethod: document.paymentMethod,
    ...(settledBy ? { settledBy } : {}),
    reason,
    wholeInvoice,
    lines,
    vatByRate,
    subtotalCents,
    vatCents,
    totalCents: subtotalCents + vatCents,
  };
}

/** `{PREFIX}-AV-{YYYY}-{n}`: the producer's invoice prefix, then its own gapless series per Paris year. */
export function formatCreditNoteNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-AV-${year}-${String(sequence).padStart(4, '0')}`;
}
