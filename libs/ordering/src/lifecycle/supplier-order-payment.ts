import { SupplierOrderStatus } from './supplier-order-state';

/**
 * Where the money of one producer's part stands (`SupplierOrder.paymentStatus`). A card part is AWAITING from its
 * placement until the verified payment of its order (PAID); unpaid after `CARD_PAYMENT_TTL_MINUTES`, it is cancelled
 * with the reason PAYMENT_EXPIRED (EXPIRED); money given back for it makes it REFUNDED. A part paid by invoice has
 * nothing to wait for before delivery (NOT_REQUIRED: its invoice says whether it is paid).
 */
export enum SupplierOrderPaymentStatus {
  NOT_REQUIRED = 'NOT_REQUIRED',
  AWAITING = 'AWAITING',
  PAID = 'PAID',
  EXPIRED = 'EXPIRED',
  REFUNDED = 'REFUNDED',
}

/** The cancellation reason of a card order left unpaid past its time (PRODUCT.md §7). */
export const PAYMENT_EXPIRED = 'PAYMENT_EXPIRED';

/** The reason, in `INVALID_STATE_TRANSITION`'s extensions, of a move refused because the card part is not paid. */
export const AWAITING_PAYMENT = 'AWAITING_PAYMENT';

/** A card part not paid yet may be cancelled, never moved on: the producer would prepare an order nobody paid. */
export const waitsForPayment = (paymentStatus: SupplierOrderPaymentStatus, to: SupplierOrderStatus): boolean =>
  paymentStatus === SupplierOrderPaymentStatus.AWAITING && to !== SupplierOrderStatus.CANCELLED;

/**
 * The payment status a cancellation gives a part: an unpaid card part cancelled for want of payment has EXPIRED; one
 * cancelled otherwise has nothing left to pay (a payment that still comes in for it is refunded, then REFUNDED).
 */
export function paymentStatusAfterCancel(
  paymentStatus: SupplierOrderPaymentStatus,
  reason: string | undefined,
): SupplierOrderPaymentStatus {
  if (paymentStatus !== SupplierOrderPaymentStatus.AWAITING) return paymentStatus;
  return reason === PAYMENT_EXPIRED ? SupplierOrderPaymentStatus.EXPIRED : SupplierOrderPaymentStatus.NOT_REQUIRED;
}
