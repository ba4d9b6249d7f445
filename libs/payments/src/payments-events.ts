/** Outbox topics of the payments context. */

/** A card payment succeeded (verified webhook): producers get their transfers, the buyer its invoices. */
export const ORDER_PAID = 'payments.order-paid';
export interface OrderPaid {
  orderId: string;
}

/**
 * Pay one producer its share of a verified card payment (its supplier order's total less the commission). One job per
 * producer, so that one producer's failure neither erases nor delays another's transfer, nor the invoices. Its Stripe
 * idempotency key stays `transfer:<supplierOrderId>`.
 */
export const PRODUCER_TRANSFER = 'payments.producer-transfer';
export interface ProducerTransferDue {
  orderId: string;
  supplierOrderId: string;
}

/** Take back part of a producer's transfer (its share of a refund or of a dispute), retried on its own. */
export const REVERSE_TRANSFER = 'payments.reverse-transfer';
export interface ReverseTransfer {
  supplierOrderId: string;
  amountCents: number;
  /** The Stripe idempotency key: a retried job reverses once. */
  key: string;
}

/** Give a producer back what a dispute took from it, once the dispute is won (PAY-17), retried on its own. */
export const RETRANSFER = 'payments.retransfer';
export interface Retransfer {
  supplierOrderId: string;
  amountCents: number;
  /** The Stripe idempotency key: a retried job transfers once. */
  key: string;
}
