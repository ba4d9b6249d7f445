import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { OrderingModule } from '@app/ordering';
import { Invoice } from './entities/invoice.entity';
import { InvoiceSeries } from './entities/invoice-series.entity';
import { Payment } from './entities/payment.entity';
import { PaymentRefund } from './entities/payment-refund.entity';
import { ProducerPayoutAccount } from './entities/producer-payout-account.entity';
import { ProducerTransfer } from './entities/producer-transfer.entity';
import { StripeEvent } from './entities/stripe-event.entity';
import { BearerUser } from './invoices/bearer-user';
import { InvoicePdfController } from './invoices/invoice-pdf.controller';
import { InvoiceResolver } from './invoices/invoice.resolver';
import { InvoiceService } from './invoices/invoice.service';
import { InvoiceIssuedNotification } from './invoices/invoice-issued.notification';
import { InvoiceOnDeliveryHandler } from './invoices/invoice-on-delivery.handler';
import { SupplierOrderInvoiceResolver } from './invoices/supplier-order-invoice.resolver';

export const PAYMENTS_ENTITIES = [InvoiceSeries, Invoice, Payment, ProducerPayoutAccount, StripeEvent, ProducerTransfer, PaymentRefund];

/** Payments and invoices. For now the invoices: issued in the producers' names, numbered gapless, as PDF. */
@Module({
  imports: [IdentityModule, OrderingModule],
  controllers: [InvoicePdfController],
  providers: [InvoiceService, InvoiceResolver, SupplierOrderInvoiceResolver, BearerUser, InvoiceOnDeliveryHandler, InvoiceIssuedNotification],
  exports: [InvoiceService],
})
export class PaymentsModule {}
