/** Outbox topics of the payments context. */

/** A card payment succeeded (verified webhook): producers get their transfers, the buyer its invoices. */
export const ORDER_PAID = 'payments.order-paid';
export interface OrderPaid {
  orderId: string;
}
