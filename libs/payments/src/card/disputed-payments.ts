import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { CancellationRefunds, type CancellationRefundCheck } from '@app/ordering';
import { AppError, ErrorCode } from '@app/platform';
import { Payment } from '../entities/payment.entity';
import { type DisputeOutcome, PaymentDispute } from '../entities/payment-dispute.entity';
import { ProducerTransfer } from '../entities/producer-transfer.entity';
import { ledgerOf, type TransferFigures } from './refund-allocation';

/** The reason, in `INVALID_STATE_TRANSITION`'s extensions, of a refund or a cancellation refused for a dispute. */
export const PAYMENT_DISPUTED = 'PAYMENT_DISPUTED';

/** The answer to a refund (or a cancellation, which refunds) of a disputed card payment. */
export function paymentDisputed(): AppError {
  return new AppError(ErrorCode.INVALID_STATE_TRANSITION, 'This payment is disputed: it cannot be refunded.', {
    reason: PAYMENT_DISPUTED,
  });
}

/**
 * Whether the buyer's bank, through a dispute lost, gave back all that was left of a part (its share of the disputed
 * amount, with what was refunded of it before): nothing of it is left to refund, and its producer's share of it was
 * taken back by the dispute already (`refund-allocation.ts`'s rule, cumulative). Such a part may be cancelled with no
 * refund at all. An open dispute (the bank may still give the money back to the seller), a won one (the money is the
 * seller's again, and Stripe refuses to refund a disputed charge), or a lost one that left part of it are not.
 */
export function settledByLostDispute(
  dispute: { outcome: DisputeOutcome },
  transfer: TransferFigures | null | undefined,
): boolean {
  if (dispute.outcome !== 'LOST' || !transfer) return false;
  const part = ledgerOf(transfer);
  return part.refundedCents >= part.totalCents;
}

/** What the buyer's bank gave back of a part through the dispute (0 for a part it took nothing of). */
export const bankRefundOf = (dispute: Pick<PaymentDispute, 'parts'>, supplierOrderId: string): number =>
  dispute.parts.find((part) => part.supplierOrderId === supplierOrderId)?.refundCents ?? 0;

/**
 * A disputed card payment is never refunded (refunds.service.ts says why): so no part it paid is cancelled either, by
 * its buyer or its producer, while the cancellation would promise a refund that is not made. The buyer's bank,
 * through the dispute, decides what the buyer gets back. Once it gave back a part whole (a dispute lost,
 * `settledByLostDispute`), that part may be cancelled again, with no refund: nothing is left to promise, and an
 * order nobody pays for must not stay open for ever (on both sides' lists, its stock held).
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
    const dispute = await em.findOne(PaymentDispute, { paymentId: payment.id }, { fields: ['outcome'] });
    if (!dispute) return null;
    // A lost dispute is final: what it gave back of the part does not change under this cancellation.
    const transfer = dispute.outcome === 'LOST' ? await em.findOne(ProducerTransfer, { supplierOrderId }) : null;
    return settledByLostDispute(dispute, transfer) ? null : paymentDisputed();
  }
}
