/** Outbox topics of the payments context. */

/** A card payment succeeded (verified webhook): producers get their transfers, the buyer its invoices. */
export const ORDER_PAID = 'payments.order-paid';
export interface OrderPaid {
  orderId: string;
}

/** Take back part of a producer's transfer (its share of an admin's refund), retried on its own. */
export const REVERSE_TRANSFER = 'payments.reverse-transfer';
export interface ReverseTransfer {
  supplierOrderId: string;
  amountCents: number;
  /** The Stripe idempotency key: a retried job reverses once. */
  key: string;
}
