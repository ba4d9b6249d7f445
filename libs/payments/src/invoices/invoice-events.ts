/** An invoice was issued: its buyer is told, with where to download it. */
export const INVOICE_ISSUED = 'payments.invoice-issued';
export interface InvoiceIssued {
  invoiceId: string;
}
