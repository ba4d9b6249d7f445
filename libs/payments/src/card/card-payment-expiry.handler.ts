import { Logger } from '@nestjs/common';
import {
  CARD_PAYMENT_DUE,
  type CardPaymentDue,
  OrderLifecycleService,
  PaymentMethod,
  SupplierOrderStatus,
  orderSnapshots,
} from '@app/ordering';
import { HandlesJob, type JobContext, type JobHandler } from '@app/platform';
import { Payment } from '../entities/payment.entity';
import { applyPaymentEvent, insertIfAbsent, lockedPayment } from './payment-ledger';
import { PaymentEvent, isCaptured } from './payment-state';

/**
 * `CARD_PAYMENT_TTL_MINUTES` after a card order was placed (a delayed outbox job, so the same in the worker and in the
 * embedded mode): unpaid, it is cancelled with the reason PAYMENT_EXPIRED and its stock restored. Everything happens
 * under the payment row's lock, the one a verified webhook takes: either the payment was recorded first (the order
 * stays, paid) or the expiry was (a payment arriving afterwards is recorded, then refunded in full by the order-paid
 * job, since every part it paid for is cancelled). The cancellations go through the lifecycle's conditional move, so
 * stock comes back once; their status changes to CANCELLED cancel the PaymentIntent at Stripe.
 */
@HandlesJob(CARD_PAYMENT_DUE)
export class CardPaymentExpiry implements JobHandler<CardPaymentDue> {
  private readonly logger = new Logger('CardPaymentExpiry');

  constructor(private readonly lifecycle: OrderLifecycleService) {}

  async handle({ orderId }: CardPaymentDue, context: JobContext): Promise<void> {
    const em = context.em;
    const live = (await orderSnapshots(em, orderId)).filter((part) => part.status !== SupplierOrderStatus.CANCELLED);
    if (live.length === 0 || live[0].paymentMethod !== PaymentMethod.CARD) return;
    // The row to lock exists even if the buyer never started paying (a concurrent startCardPayment then waits for us).
    await insertIfAbsent(
      em,
      Payment,
      {
        orderId,
        method: 'CARD',
        amountCents: live.reduce((sum, part) => sum + part.totalCents, 0),
        supplierOrderIds: live.map((part) => part.supplierOrderId),
      },
      'orderId',
    );
    const payment = (await lockedPayment(em, orderId))!;
    if (payment.method !== 'CARD' || isCaptured(payment.status)) return;
    const expired = await this.lifecycle.expireUnpaidCardOrder(em, orderId);
    if (expired === 0) return;
    // No PaymentIntent: nothing at Stripe to cancel, the payment ends here.
    if (!payment.paymentIntentId && applyPaymentEvent(payment, PaymentEvent.CANCELLED)) await em.flush();
    this.logger.log(
      { event: 'payment.expired', orderId, supplierOrders: expired },
      'Unpaid card order cancelled: PAYMENT_EXPIRED',
    );
  }
}
