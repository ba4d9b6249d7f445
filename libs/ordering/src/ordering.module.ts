import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { IdentityModule } from '@app/identity';
import { CartQuoteProducerResolver, CartQuoteResolver } from './cart-quote.resolver';
import { CartQuoteService } from './checkout/cart-quote.service';
import { CardPayability } from './checkout/card-payability';
import { CancellationRefunds } from './lifecycle/cancellation-refunds';
import { CartReader } from './checkout/cart-reader';
import { CheckoutService } from './checkout/checkout.service';
import { OrderNumbers } from './checkout/order-number';
import { DeliveryDateFootprintService } from './checkout/delivery-date-footprints.service';
import { SupplierOrderBuyerBackfill } from './checkout/supplier-order-buyer-backfill';
import { Order } from './entities/order.entity';
import { OrderLine } from './entities/order-line.entity';
import { SupplierOrder } from './entities/supplier-order.entity';
import { SupplierOrderTransition } from './entities/supplier-order-transition.entity';
import { SupplierOrderFootprint } from './entities/supplier-order-footprint.entity';
import { DeliveryClosureResolver } from './lifecycle/delivery-closure.resolver';
import { DeliveryClosureService } from './lifecycle/delivery-closure.service';
import { DeliveryDateChangeService } from './lifecycle/delivery-date-change.service';
import { DeliveryRoundService } from './lifecycle/delivery-round.service';
import { ProducerSalesTerms, RefusedInvoiceBuyer } from './invoice-terms/invoice-terms.entity';
import { ProducerSalesTermsResolver, RefusedInvoiceBuyerResolver } from './invoice-terms/invoice-terms.resolver';
import { InvoiceTermsService } from './invoice-terms/invoice-terms.service';
import { OrderLifecycleService } from './lifecycle/order-lifecycle.service';
import {
  OrderPlacedNotification,
  OrderRecipients,
  SupplierOrderStatusNotification,
} from './notifications/order-notifications.handler';
import { OrderLineResolver, OrderResolver, SupplierOrderResolver } from './ordering.resolver';
import { ContactVisibility } from './queries/contact-visibility';
import { OrderAccess } from './queries/order-access';
import { OrganizationContactResolver } from './queries/organization-contact.resolver';
import { OrderQueryService } from './queries/order-query.service';
import { StandingOrder, StandingOrderOccurrence } from './standing/standing-order.entity';
import { StandingOrderLineResolver, StandingOrderResolver } from './standing/standing-order.resolver';
import { StandingOrderRunner } from './standing/standing-order.runner';
import { StandingOrderService } from './standing/standing-order.service';
import { StandingOrderSkippedNotification } from './standing/standing-order-skipped.notification';

export const ORDERING_ENTITIES = [
  Order,
  SupplierOrder,
  OrderLine,
  SupplierOrderTransition,
  SupplierOrderFootprint,
  StandingOrder,
  StandingOrderOccurrence,
  ProducerSalesTerms,
  RefusedInvoiceBuyer,
];

/** Cart quotes and checkout across producers, supplier orders and their life, order lists and notifications. */
@Module({
  imports: [IdentityModule, CatalogModule],
  providers: [
    CardPayability,
    CancellationRefunds,
    CartReader,
    CheckoutService,
    OrderNumbers,
    InvoiceTermsService,
    CartQuoteService,
    DeliveryDateFootprintService,
    SupplierOrderBuyerBackfill,
    OrderLifecycleService,
    DeliveryRoundService,
    DeliveryDateChangeService,
    DeliveryClosureService,
    OrderQueryService,
    OrderAccess,
    OrderRecipients,
    OrderPlacedNotification,
    SupplierOrderStatusNotification,
    StandingOrderService,
    StandingOrderRunner,
    StandingOrderSkippedNotification,
  ],
  exports: [
    StandingOrderService,
    CardPayability,
    CancellationRefunds,
    InvoiceTermsService,
    OrderQueryService,
    OrderAccess,
    CheckoutService,
    CartQuoteService,
    DeliveryDateFootprintService,
    OrderLifecycleService,
    DeliveryRoundService,
    DeliveryDateChangeService,
    DeliveryClosureService,
  ],
})
export class OrderingModule {}

/** Ordering's API edges: the cart quote, order, supplier order and order line resolvers. */
@Module({
  imports: [OrderingModule, IdentityModule, CatalogModule],
  providers: [
    ProducerSalesTermsResolver,
    RefusedInvoiceBuyerResolver,
    CartQuoteResolver,
    CartQuoteProducerResolver,
    OrderResolver,
    SupplierOrderResolver,
    OrderLineResolver,
    StandingOrderResolver,
    StandingOrderLineResolver,
    DeliveryClosureResolver,
    OrganizationContactResolver,
    ContactVisibility,
  ],
})
export class OrderingApiModule {}
