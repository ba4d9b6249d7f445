/**
 * Issue #20 item 4 (hoarding): who may take goods on credit, by invoice, from a producer. Pure: the caller reads the
 * facts (the producer's terms, what the buyer already owes it, whether it ever delivered to this buyer).
 *
 * - A producer may refuse invoice payment from a buyer: that buyer pays it by card.
 * - A business that the producer never delivered to is a new buyer: its open invoice orders with that producer
 *   (placed, not yet delivered or cancelled), this part included, stay within a cap (VAT included) — the producer's
 *   own, or the platform's default `NEW_BUYER_INVOICE_CAP_CENTS`. Once one order is delivered, the cap no longer applies.
 */
export interface InvoicePartFacts {
  producerId: string;
  producerName: string;
  /** This order's part with the producer, VAT and delivery fee included. */
  partCents: number;
  /** The buyer's open invoice parts with this producer, already placed (not cancelled, not delivered). */
  openInvoiceCents: number;
  /** The producer has delivered at least one order to this buyer. */
  deliveredBefore: boolean;
  /** The producer refused invoice payment from this buyer. */
  refused: boolean;
  /** The cap that applies to a new buyer of this producer (its own, or the platform's default). */
  capCents: number;
}

export type InvoiceRefusal =
  | { reason: 'INVOICE_REFUSED'; producerId: string; producerName: string }
  | {
      reason: 'NEW_BUYER_INVOICE_CAP';
      producerId: string;
      producerName: string;
      capCents: number;
      openInvoiceCents: number;
      partCents: number;
    };

/** Why this part may not be paid by invoice, or null when it may. */
export function invoiceRefusal(facts: InvoicePartFacts): InvoiceRefusal | null {
  const { producerId, producerName } = facts;
  if (facts.refused) return { reason: 'INVOICE_REFUSED', producerId, producerName };
  if (facts.deliveredBefore) return null;
  if (facts.openInvoiceCents + facts.partCents <= facts.capCents) return null;
  return {
    reason: 'NEW_BUYER_INVOICE_CAP',
    producerId,
    producerName,
    capCents: facts.capCents,
    openInvoiceCents: facts.openInvoiceCents,
    partCents: facts.partCents,
  };
}

/** The cap in force for a producer: its own when it set one, else the platform's. */
export function newBuyerCapOf(ownCapCents: number | null | undefined, defaultCapCents: number): number {
  return ownCapCents ?? defaultCapCents;
}

const euros = (cents: number) => `${(cents / 100).toFixed(2)} €`;

/** The refusal as placeOrder answers it (in English, as every API message). */
export function invoiceRefusalMessage(refusal: InvoiceRefusal): string {
  if (refusal.reason === 'INVOICE_REFUSED')
    return `${refusal.producerName} does not accept payment by invoice from this business; pay by card.`;
  const left = Math.max(0, refusal.capCents - refusal.openInvoiceCents);
  return `${refusal.producerName} has not delivered to this business yet: its invoice orders with it are limited to ${euros(refusal.capCents)} VAT included until a first delivery (${euros(left)} left, this part is ${euros(refusal.partCents)}); pay by card or order less.`;
}
