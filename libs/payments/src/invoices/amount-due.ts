import { InvoiceStatus } from '../entities/invoice.entity';

/** Invoice statuses whose buyer still owes something: issued and not yet paid, before or after the due date. */
export const UNPAID_INVOICE_STATUSES: readonly InvoiceStatus[] = [InvoiceStatus.ISSUED, InvoiceStatus.OVERDUE];

/**
 * What the buyer still owes on an invoice, VAT included: its total less the credit notes issued against it while it
 * is unpaid (a refund before payment lowers the debt, it does not send money back); nothing once it is paid or
 * cancelled. The one rule behind `Invoice.amountDueCents`, the lists' « À payer » and the monthly totals.
 */
export function amountDueCents(invoice: { status: InvoiceStatus; totalCents: number }, creditedCents: number): number {
  return UNPAID_INVOICE_STATUSES.includes(invoice.status) ? invoice.totalCents - creditedCents : 0;
}

/**
 * The same amount as SQL, for the rows of an unpaid `invoice` (the caller selects the status) beside `credited`, the
 * sum of its credit notes (null when it has none). Credit notes never exceed their invoice (`CreditNoteService`).
 */
export const amountDueSql = (invoice: string, credited: string): string =>
  `(${invoice}.total_cents - coalesce(${credited}, 0))`;
