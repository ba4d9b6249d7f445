export { ORDERING_ENTITIES, OrderingApiModule, OrderingModule } from './ordering.module';
export { OrderQueryService } from './queries/order-query.service';
export { OrderAccess } from './queries/order-access';
export { ContactVisibility } from './queries/contact-visibility';
export { CardPayability, type CardPayabilityCheck } from './checkout/card-payability';
export { CancellationRefunds, type CancellationRefundCheck } from './lifecycle/cancellation-refunds';
export { markCardPartsPaid, markPartRefunded } from './lifecycle/supplier-order-payment-marks';
export { AWAITING_PAYMENT, PAYMENT_EXPIRED, SupplierOrderPaymentStatus } from './lifecycle/supplier-order-payment';
export { CheckoutService, type PlaceOrderValues } from './checkout/checkout.service';
export { OrderNumbers } from './checkout/order-number';
export { InvoiceTermsService } from './invoice-terms/invoice-terms.service';
export { CartQuoteService, type QuoteCartValues } from './checkout/cart-quote.service';
export { OrderLifecycleService } from './lifecycle/order-lifecycle.service';
export { PaymentMethod, SalesChannel } from './entities/order.entity';
export { OrderStatus, SupplierOrderStatus } from './lifecycle/supplier-order-state';
export {
  CARD_PAYMENT_DUE,
  type CardPaymentDue,
  ORDER_PLACED,
  type OrderPlaced,
  SUPPLIER_ORDER_CANCELLED,
  type SupplierOrderCancelled,
  SUPPLIER_ORDER_DELIVERED,
  type SupplierOrderDelivered,
  SUPPLIER_ORDER_STATUS_CHANGED,
  type SupplierOrderStatusChanged,
} from './ordering-events';
export { type SupplierOrderSnapshot, orderSnapshots, supplierOrderSnapshot } from './queries/supplier-order-snapshot';
export { OrderType, SupplierOrderType } from './dto/ordering.types';
export { supplierOrderTotals, type VatRateTotal } from './money';
export {
  type PurchaseLine,
  type PurchaseLineBatch,
  type PurchaseLineFilter,
  countPurchaseLines,
  purchaseLineBatches,
  purchaseLines,
} from './queries/purchase-lines';
export { SupplierOrderBuyerBackfill } from './checkout/supplier-order-buyer-backfill';
export { StandingOrderService } from './standing/standing-order.service';
