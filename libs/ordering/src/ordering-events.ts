import type { SupplierOrderActor, SupplierOrderStatus } from './lifecycle/supplier-order-state';

/** Outbox topics of the ordering context: other contexts (payments, notifications) react to them after commit. */
export const ORDER_PLACED = 'ordering.order-placed';
export interface OrderPlaced {
  orderId: string;
}

/**
 * A card order's time to be paid is up (`CARD_PAYMENT_TTL_MINUTES` after placement: a delayed outbox job). The
 * payments context cancels it with the reason PAYMENT_EXPIRED unless it was paid meanwhile.
 */
export const CARD_PAYMENT_DUE = 'ordering.card-payment-due';
export interface CardPaymentDue {
  orderId: string;
}

export const SUPPLIER_ORDER_STATUS_CHANGED = 'ordering.supplier-order-status-changed';
export interface SupplierOrderStatusChanged {
  supplierOrderId: string;
  orderId: string;
  from: SupplierOrderStatus;
  to: SupplierOrderStatus;
  /** Who moved it (absent from messages written before it was recorded). */
  actor?: SupplierOrderActor;
  /** The reason given with a cancellation. */
  reason?: string | null;
}

/** A supplier order was delivered: what the payments context invoices (business orders paid by invoice). */
export const SUPPLIER_ORDER_DELIVERED = 'ordering.supplier-order-delivered';
export interface SupplierOrderDelivered {
  supplierOrderId: string;
}

/** A supplier order was cancelled (stock is back): the payments context refunds what was paid for it. */
export const SUPPLIER_ORDER_CANCELLED = 'ordering.supplier-order-cancelled';
export interface SupplierOrderCancelled {
  supplierOrderId: string;
  orderId: string;
  /** The reason given, for the credit note of an invoiced part. */
  reason?: string | null;
}

/** An occurrence of a standing order could not be placed: the member who set it up is told why, once. */
export const STANDING_ORDER_SKIPPED = 'ordering.standing-order-skipped';
export interface StandingOrderSkipped {
  occurrenceId: string;
}
