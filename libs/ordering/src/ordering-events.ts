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

/**
 * A supplier order moved (any transition): one message, delivered to each handler that subscribes (the buyer's
 * notification; in payments, the invoice on delivery and the refund on cancellation), each on its own.
 */
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

/**
 * Retired topic, no longer written: a delivery is the status change to DELIVERED (Migration20261205150000 moved the
 * pending messages). Kept for the payload type.
 */
export const SUPPLIER_ORDER_DELIVERED = 'ordering.supplier-order-delivered';
export interface SupplierOrderDelivered {
  supplierOrderId: string;
}

/**
 * Retired topic, no longer written: a cancellation is the status change to CANCELLED (Migration20261205150000 moved
 * the pending messages). Kept for the payload type.
 */
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
