import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { markPartRefunded } from '@app/ordering';
import { AppError, ErrorCode, PermanentJobError } from '@app/platform';
import type { Payment } from '../entities/payment.entity';
import { PaymentDispute } from '../entities/payment-dispute.entity';
import { PaymentRefund } from '../entities/payment-refund.entity';
import { paymentDisputed } from './disputed-payments';
import { applyPaymentEvent } from './payment-ledger';
import { PaymentEvent, isCaptured } from './payment-state';
import { STRIPE_CLIENT, type StripeClient } from './stripe-client';

/**
 * Money back to a card buyer. The caller holds the payment row's lock (`lockedPayment`), so concurrent refunds are
 * counted one after the other and their sum never exceeds what was captured (PAY-16).
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger('Refunds');

  constructor(@Inject(STRIPE_CLIENT) private readonly stripe: StripeClient | null) {}

  /** Refunds `amountCents` (capped at what is left when `capped`); returns the amount refunded. */
  async refund(
    em: EntityManager,
    payment: Payment,
    amountCents: number,
    {
      key,
      supplierOrderId,
      reason,
      capped = false,
    }: { key: string; supplierOrderId?: string; reason?: string; capped?: boolean },
  ): Promise<number> {
    if (!isCaptured(payment.status) || !payment.paymentIntentId) return 0;
    if (supplierOrderId && (await em.count(PaymentRefund, { supplierOrderId }))) return 0;
    if (await em.count(PaymentDispute, { paymentId: payment.id })) {
      // Stripe refuses to refund a disputed charge (the buyer's bank took the money back, or may again). Nor could a
      // producer's share follow: once a dispute reversed its transfer, what it holds of it may be a re-transfer (a
      // dispute won), which a reversal of the transfer would not reach. A part cancelled then waits for a person
      // (an alert: a cancellation is refused once the dispute is recorded, DisputedPaymentCancellations, so only one
      // racing with the dispute's webhook gets here; one a lost dispute gave back whole is never refunded, its
      // cancellation's job knows it); an admin is told at once.
      if (!supplierOrderId) throw paymentDisputed();
      this.logger.error(
        { event: 'payment.refund_disputed', alert: true, orderId: payment.orderId, supplierOrderId, amountCents },
        "A cancelled part of a disputed payment was not refunded: the dispute's outcome decides",
      );
      return 0;
    }
    const left = payment.amountCents - payment.refundedCents;
    const amount = capped ? Math.min(amountCents, left) : amountCents;
    if (amount > left) {
      // RELIABILITY.md PAY-16's REFUND_EXCEEDS_CAPTURED, as a reason: the contract's codes are a closed list.
      throw new AppError(
        ErrorCode.CONFLICT,
        `Only ${(left / 100).toFixed(2)} € of this payment can still be refunded.`,
        { reason: 'REFUND_EXCEEDS_CAPTURED', refundableCents: left },
      );
    }
    if (amount <= 0) return 0;
    if (!this.stripe) throw new PermanentJobError('Card payments are not set up on this server.');
    const refund = await this.stripe.refunds.create(
      {
        payment_intent: payment.paymentIntentId,
        amount,
        metadata: { orderId: payment.orderId, ...(supplierOrderId ? { supplierOrderId } : {}) },
      },
      { idempotencyKey: key },
    );
    em.persist(
      em.create(PaymentRefund, {
        paymentId: payment.id,
        supplierOrderId,
        amountCents: amount,
        stripeRefundId: refund.id,
        reason,
      }),
    );
    if (supplierOrderId) await markPartRefunded(em, supplierOrderId);
    payment.refundedCents += amount;
    applyPaymentEvent(
      payment,
      payment.refundedCents >= payment.amountCents ? PaymentEvent.FULLY_REFUNDED : PaymentEvent.PARTIALLY_REFUNDED,
    );
    await em.flush();
    this.logger.log(
      { event: 'payment.refunded', orderId: payment.orderId, amountCents: amount, supplierOrderId },
      'Refund sent',
    );
    return amount;
  }
}
