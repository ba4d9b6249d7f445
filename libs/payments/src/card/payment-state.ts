/**
 * The payment of an order (PRODUCT.md §3 `Payment.status`) as a pure table. Stripe delivers events late, twice and
 * out of order (PAY-06): the table is monotonic, so a late `payment_failed` of an earlier attempt never undoes a
 * success, and every (state × event) pair has an explicit outcome (PAY-18).
 */
export enum PaymentStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
  REFUNDED = 'REFUNDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  /** Business orders paid by invoice: invoiced, awaiting payment. */
  INVOICED = 'INVOICED',
  PAID = 'PAID',
}

export enum PaymentEvent {
  /** `payment_intent.succeeded`, verified. */
  SUCCEEDED = 'SUCCEEDED',
  /** `payment_intent.payment_failed`: this attempt failed; the buyer may try another card. */
  FAILED = 'FAILED',
  /** `payment_intent.canceled`, or the order was cancelled before payment. */
  CANCELLED = 'CANCELLED',
  /** Part of the captured amount went back to the buyer. */
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  /** All of it went back. */
  FULLY_REFUNDED = 'FULLY_REFUNDED',
  /** The first invoice of an invoice-paid order was issued. */
  INVOICED = 'INVOICED',
  /** Every invoice of the order is paid. */
  INVOICES_PAID = 'INVOICES_PAID',
}

/** What happens to a payment in `state` on `event`: the next state, or `null` when the event changes nothing. */
export const PAYMENT_TRANSITIONS: Readonly<
  Record<PaymentStatus, Readonly<Record<PaymentEvent, PaymentStatus | null>>>
> = {
  PENDING: {
    SUCCEEDED: PaymentStatus.SUCCEEDED,
    FAILED: PaymentStatus.FAILED,
    CANCELLED: PaymentStatus.CANCELLED,
    PARTIALLY_REFUNDED: null,
    FULLY_REFUNDED: null,
    INVOICED: PaymentStatus.INVOICED,
    INVOICES_PAID: null,
  },
  FAILED: {
    SUCCEEDED: PaymentStatus.SUCCEEDED,
    FAILED: null,
    CANCELLED: PaymentStatus.CANCELLED,
    PARTIALLY_REFUNDED: null,
    FULLY_REFUNDED: null,
    INVOICED: null,
    INVOICES_PAID: null,
  },
  SUCCEEDED: {
    SUCCEEDED: null,
    FAILED: null,
    CANCELLED: null,
    PARTIALLY_REFUNDED: PaymentStatus.PARTIALLY_REFUNDED,
    FULLY_REFUNDED: PaymentStatus.REFUNDED,
    INVOICED: null,
    INVOICES_PAID: null,
  },
  PARTIALLY_REFUNDED: {
    SUCCEEDED: null,
    FAILED: null,
    CANCELLED: null,
    PARTIALLY_REFUNDED: PaymentStatus.PARTIALLY_REFUNDED,
    FULLY_REFUNDED: PaymentStatus.REFUNDED,
    INVOICED: null,
    INVOICES_PAID: null,
  },
  REFUNDED: {
    SUCCEEDED: null,
    FAILED: null,
    CANCELLED: null,
    PARTIALLY_REFUNDED: null,
    FULLY_REFUNDED: null,
    INVOICED: null,
    INVOICES_PAID: null,
  },
  // Money captured after the order was cancelled (a payment that went through as its time ran out): recorded as
  // it is, then refunded in full by the order-paid job, since every part it paid for is cancelled.
  CANCELLED: {
    SUCCEEDED: PaymentStatus.SUCCEEDED,
    FAILED: null,
    CANCELLED: null,
    PARTIALLY_REFUNDED: null,
    FULLY_REFUNDED: null,
    INVOICED: null,
    INVOICES_PAID: null,
  },
  INVOICED: {
    SUCCEEDED: null,
    FAILED: null,
    CANCELLED: PaymentStatus.CANCELLED,
    PARTIALLY_REFUNDED: null,
    FULLY_REFUNDED: null,
    INVOICED: null,
    INVOICES_PAID: PaymentStatus.PAID,
  },
  PAID: {
    SUCCEEDED: null,
    FAILED: null,
    CANCELLED: null,
    PARTIALLY_REFUNDED: null,
    FULLY_REFUNDED: null,
    INVOICED: null,
    INVOICES_PAID: null,
  },
};

export const nextPaymentStatus = (state: PaymentStatus, event: PaymentEvent): PaymentStatus | null =>
  PAYMENT_TRANSITIONS[state][event];

/** A card payment whose money was captured (some of it may have been refunded since). */
export const isCaptured = (state: PaymentStatus): boolean =>
  state === PaymentStatus.SUCCEEDED || state === PaymentStatus.PARTIALLY_REFUNDED || state === PaymentStatus.REFUNDED;
