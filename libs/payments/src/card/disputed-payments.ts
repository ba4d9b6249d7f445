import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { CancellationRefunds, type CancellationRefundCheck } from '@app/ordering';
import { AppError, ErrorCode } from '@app/platform';
import { Payment } from '../entities/payment.entity';
import { PaymentDispute } from '../entities/payment-dispute.entity';

/** The reason, in `INVALID_STATE_TRANSITION`'s extensions, of a refund or a cancellation refused for a dispute. */
export const PAYMENT_DISPUTED = 'PAYMENT_DISPUTED';

/** The answer to a refund (or a cancellation, which refunds) of a disputed card payment. */
export function paymentDisputed(): AppError {
  return new AppError(ErrorCode.INVALID_STATE_TRANSITION, 'This payment is disputed: it cannot be refunded.', {
    reason: PAYMENT_DISPUTED,
  });
}

/**
 * A disputed card payment is never refunded (refunds.service.ts says why), whatever the dispute's outcome: so no
 * part it paid is cancelled either, by its buyer or its producer — the cancellation would promise a refund that is
 * not made. The buyer's bank, through the dispute, decides what the buyer gets back.
 */
@Injectable()
export class DisputedPaymentCancellations implements CancellationRefundCheck, OnModuleInit {
  constructor(private readonly port: CancellationRefunds) {}

  onModuleInit(): void {
    this.port.use(this);
  }

  async refusal(em: EntityManager, orderId: string, supplierOrderId: string): Promise<AppError | null> {
    const payment = await em.findOne(Payment, { orderId }, { fields: ['supplierOrderIds'] });
    if (!payment?.supplierOrderIds.includes(supplierOrderId)) return null;
    return (await em.count(PaymentDispute, { paymentId: payment.id })) ? paymentDisputed() : null;
  }
}
