export { PAYMENTS_ENTITIES, PaymentsApiModule, PaymentsModule } from './payments.module';
export { InvoiceService } from './invoices/invoice.service';
export * from './invoices/credit-notes';
export { InvoicePayments } from './invoices/invoice-payments';
export { PaymentStatus, PaymentEvent, nextPaymentStatus, PAYMENT_TRANSITIONS } from './card/payment-state';
export { splitCharge, commissionBasisPoints, type ProducerShare, type SupplierOrderCharge } from './card/charge-split';
export { Invoice, InvoiceStatus } from './entities/invoice.entity';
export { InvoiceSeries } from './entities/invoice-series.entity';
export { InvoiceType } from './dto/invoice.types';
export { renderInvoicePdf } from './invoices/invoice-pdf';
export { invoicePdfPath } from './invoices/invoice-pdf.controller';
export * from './invoices/factur-x';
export { formatInvoiceNumber, invoicePrefixOf, invoiceYear } from './invoices/invoice-number';
export { dueDateOf, parisDate, PAYMENT_TERM_DAYS } from './invoices/invoice-dates';
export type {
  InvoiceAddress,
  InvoiceDocument,
  InvoiceDraft,
  InvoiceLineDraft,
  InvoiceParty,
  InvoicePaymentMethod,
  VatRateTotal,
} from './invoices/invoice-draft';
