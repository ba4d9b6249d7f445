import { InvoiceStatus } from '../../entities/invoice.entity';
import type { InvoicePaymentMethod } from '../invoice-draft';

/**
 * What a producer may still credit on its invoice with `creditInvoice`, VAT included: its total less the credit notes
 * already issued against it. Nothing on an invoice paid by card (its money goes back through the card refund, which
 * issues its own credit notes) nor on a cancelled one (wholly credited, or cancelled with its order). The one rule
 * behind the mutation's checks and `Invoice.creditableCents`, which the invoice pages use to offer « Faire un avoir ».
 */
export function creditableCents(
  invoice: { paymentMethod: InvoicePaymentMethod; status: InvoiceStatus; totalCents: number },
  creditedCents: number,
): number {
  if (invoice.paymentMethod === 'CARD' || invoice.status === InvoiceStatus.CANCELLED) return 0;
  return Math.max(0, invoice.totalCents - creditedCents);
}
