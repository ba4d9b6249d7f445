import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { OrderingModule } from '@app/ordering';
import { Invoice } from './entities/invoice.entity';
import { InvoiceSeries } from './entities/invoice-series.entity';
import { Payment } from './entities/payment.entity';
import { PaymentDispute } from './entities/payment-dispute.entity';
import { PaymentRefund } from './entities/payment-refund.entity';
import { ProducerPayoutAccount } from './entities/producer-payout-account.entity';
import { ProducerTransfer } from './entities/producer-transfer.entity';
import { StripeEvent } from './entities/stripe-event.entity';
import { InvoicePdfController } from './invoices/invoice-pdf.controller';
import { CreditNoteFacturXController, InvoiceFacturXController } from './invoices/factur-x/factur-x.controller';
import { CreditNoteFacturXResolver, InvoiceFacturXResolver } from './invoices/factur-x/factur-x.resolver';
import { InvoiceResolver } from './invoices/invoice.resolver';
import { InvoiceService } from './invoices/invoice.service';
import { InvoiceIssuedNotification } from './invoices/invoice-issued.notification';
import { InvoiceDrafts } from './invoices/invoice-drafts';
import { InvoiceOnDeliveryHandler } from './invoices/invoice-on-delivery.handler';
import { InvoicePayments } from './invoices/invoice-payments';
import { FlagOverdueInvoices, OverdueInvoiceReminder } from './invoices/overdue-invoices.handler';
import { AdminRefundService } from './card/admin-refund.service';
import { CardPaymentService } from './card/card-payment.service';
import { CardPaymentExpiry } from './card/card-payment-expiry.handler';
import { ProducerPayability } from './connect/producer-payability';
import {
  CardRefundOnCancellation,
  OrderPaidHandler,
  ProducerTransferHandler,
  RetransferHandler,
  ReverseTransferHandler,
} from './card/card-settlement.handlers';
import { DisputesService } from './card/disputes.service';
import { DisputedPaymentCancellations } from './card/disputed-payments';
import { PaymentQueries } from './card/payment-queries';
import {
  InvoiceDisputeResolver,
  PaymentDisputeResolver,
  PaymentResolver,
  SupplierOrderDisputeResolver,
} from './card/payment.resolver';
import { PayoutsService } from './card/payouts.service';
import { RefundsService } from './card/refunds.service';
import { STRIPE_CLIENT, createStripeClient } from './card/stripe-client';
import { ProducerOnboardingService } from './connect/producer-onboarding.service';
import { StripeEventService } from './webhooks/stripe-event.service';
import { CommissionRate } from './commission/commission-rate.entity';
import { CommissionResolver } from './commission/commission.resolver';
import { CommissionService } from './commission/commission.service';
import { StripeWebhookController } from './webhooks/stripe-webhook.controller';
import { APP_CONFIG, type AppConfig } from '@app/platform';
import { SupplierOrderInvoiceResolver } from './invoices/supplier-order-invoice.resolver';
import { CreditNote, CreditNoteSeries } from './invoices/credit-notes/credit-note.entity';
import { CreditNoteIssuedNotification } from './invoices/credit-notes/credit-note-issued.notification';
import { CreditNotePdfController } from './invoices/credit-notes/credit-note-pdf.controller';
import { CreditNoteResolver, InvoiceCreditNotesResolver } from './invoices/credit-notes/credit-note.resolver';
import { CreditNoteService } from './invoices/credit-notes/credit-note.service';
import { InvoiceCreditService } from './invoices/credit-notes/invoice-credit.service';
import { InvoiceListFieldsResolver, InvoiceListResolver } from './invoices/invoice-list.resolver';
import { InvoiceListService } from './invoices/invoice-list.service';

export const PAYMENTS_ENTITIES = [
  InvoiceSeries,
  Invoice,
  Payment,
  ProducerPayoutAccount,
  StripeEvent,
  ProducerTransfer,
  PaymentRefund,
  PaymentDispute,
  CreditNoteSeries,
  CreditNote,
  CommissionRate,
];

/**
 * Payments: card payments through Stripe (one PaymentIntent per order, a transfer per producer, refunds), invoice
 * payments, webhook events, and the invoices issued in the producers' names.
 */
@Module({
  imports: [IdentityModule, OrderingModule],
  providers: [
    { provide: STRIPE_CLIENT, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createStripeClient(config) },
    InvoiceService,
    CreditNoteService,
    CreditNoteIssuedNotification,
    InvoiceDrafts,
    InvoicePayments,
    InvoiceOnDeliveryHandler,
    InvoiceIssuedNotification,
    FlagOverdueInvoices,
    OverdueInvoiceReminder,
    CommissionService,
    CardPaymentService,
    PayoutsService,
    RefundsService,
    AdminRefundService,
    ProducerOnboardingService,
    PaymentQueries,
    StripeEventService,
    OrderPaidHandler,
    ProducerTransferHandler,
    CardRefundOnCancellation,
    ReverseTransferHandler,
    RetransferHandler,
    DisputesService,
    DisputedPaymentCancellations,
    CardPaymentExpiry,
    ProducerPayability,
  ],
  exports: [
    STRIPE_CLIENT,
    CommissionService,
    InvoiceService,
    CreditNoteService,
    CardPaymentService,
    ProducerOnboardingService,
    AdminRefundService,
    PaymentQueries,
    StripeEventService,
  ],
})
export class PaymentsModule {}

/** Payments' API edges: the invoice and payment resolvers, the invoice PDF download and the verified Stripe webhook. */
@Module({
  imports: [PaymentsModule, IdentityModule],
  controllers: [
    InvoicePdfController,
    InvoiceFacturXController,
    CreditNotePdfController,
    CreditNoteFacturXController,
    StripeWebhookController,
  ],
  providers: [
    InvoiceResolver,
    InvoiceFacturXResolver,
    CreditNoteFacturXResolver,
    InvoiceListService,
    InvoiceListResolver,
    InvoiceListFieldsResolver,
    SupplierOrderInvoiceResolver,
    PaymentResolver,
    PaymentDisputeResolver,
    SupplierOrderDisputeResolver,
    InvoiceDisputeResolver,
    InvoiceCreditService,
    CreditNoteResolver,
    InvoiceCreditNotesResolver,
    CommissionResolver,
  ],
})
export class PaymentsApiModule {}
