import { parisDay } from '@app/platform';
import type { InvoicePaymentMethod } from './invoice-draft';

/** Days a business has to pay an invoice, from delivery (PRODUCT.md §2: "net 30"). */
export const PAYMENT_TERM_DAYS = 30;

/** The calendar date (YYYY-MM-DD) in France at this instant: the day printed on the invoice. */
export const parisDate = (instant: Date): string => parisDay(instant);

export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/**
 * When an invoice falls due: a card payment is already paid, so on the day it is issued; an invoice payment
 * 30 days after delivery, or after issue when the goods are not delivered yet.
 */
export function dueDateOf(paymentMethod: InvoicePaymentMethod, issuedAt: Date, deliveryDate: Date | null): string {
  if (paymentMethod === 'CARD') return parisDate(issuedAt);
  return addDays(parisDate(deliveryDate ?? issuedAt), PAYMENT_TERM_DAYS);
}
