import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/identity';
import { AppError, AuditLog, ErrorCode, isUuid, OutboxService, UnitOfWork } from '@app/platform';
import { REVERSE_TRANSFER, type ReverseTransfer } from '../payments-events';
import { CreditNoteService } from '../invoices/credit-notes/credit-note.service';
import type { Payment } from '../entities/payment.entity';
import { PaymentRefund } from '../entities/payment-refund.entity';
import { ProducerTransfer } from '../entities/producer-transfer.entity';
import { lockedPayment } from './payment-ledger';
import { isCaptured } from './payment-state';
import { PayoutsService } from './payouts.service';
import { allocateRefund, ledgerOf } from './refund-allocation';
import { RefundsService } from './refunds.service';

/**
 * `refundPayment`: a platform admin gives part or all of a card payment back (a complaint, a damaged delivery).
 * The refund is spread over the supplier orders by what is left of each, and each producer gives back its
 * transfer's share of its part (refund-allocation.ts); the platform gives up the rest of the commission. A part whose
 * transfer failed or waits takes its share of the refund all the same: its producer's share is withheld from the
 * transfer to come (never a reversal of money it was not paid, never a payment for goods refunded). Each
 * invoiced part refunded gets a credit note against its invoice, in the same transaction as the refund's record.
 */
@Injectable()
export class AdminRefundService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly refunds: RefundsService,
    private readonly payouts: PayoutsService,
    private readonly outbox: OutboxService,
    private readonly creditNotes: CreditNoteService,
    private readonly audit: AuditLog,
  ) {}

  async refundPayment(user: AuthUser, orderId: string, amountCents: number, reason?: string | null): Promise<Payment> {
    if (!user.isPlatformAdmin) throw new AppError(ErrorCode.FORBIDDEN, 'Only a platform admin refunds a payment.');
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0)
      throw AppError.badInput('amountCents', 'A refund is a whole number of cents, more than zero.');
    return this.unitOfWork.transactional(async (em) => {
      const payment = isUuid(orderId) ? await lockedPayment(em, orderId) : null;
      if (!payment) throw AppError.notFound('Payment');
      if (payment.method !== 'CARD' || !isCaptured(payment.status)) {
        throw new AppError(
          ErrorCode.INVALID_STATE_TRANSITION,
          'Only a card payment that went through can be refunded.',
          { status: payment.status },
        );
      }
      if (!(await em.count(ProducerTransfer, { orderId: payment.orderId })))
        throw new AppError(
          ErrorCode.CONFLICT,
          'This payment is still being distributed to the producers; try again in a minute.',
        );
      const transfers = await this.payouts.everyPart(em, payment);
      const attempt = (await em.count(PaymentRefund, { paymentId: payment.id, supplierOrderId: null })) + 1;
      await this.refunds.refund(em, payment, amountCents, {
        key: `refund:${payment.id}:${attempt}`,
        reason: reason?.trim().slice(0, 500) || undefined,
      });
      // The refund and its allocation commit together; the reversals follow as jobs, retried on their own, so that a
      // producer's empty balance or a network error never erases a refund Stripe already made.
      const parts = allocateRefund(transfers.map(ledgerOf), amountCents);
      for (const [index, transfer] of transfers.entries()) {
        transfer.refundedCents += parts[index].refundCents;
        if (parts[index].reversalCents > 0 && !transfer.stripeTransferId) {
          // Not paid yet (its transfer failed, or waits): its producer's share comes off the transfer to come.
          this.payouts.withhold(transfer, parts[index].reversalCents);
        } else if (parts[index].reversalCents > 0) {
          this.outbox.enqueue(em, REVERSE_TRANSFER, {
            supplierOrderId: transfer.supplierOrderId,
            amountCents: parts[index].reversalCents,
            key: `reversal:${payment.id}:${attempt}:${transfer.supplierOrderId}`,
          } satisfies ReverseTransfer);
        }
      }
      this.audit.record(em, {
        actorId: user.id,
        action: 'payment.refunded',
        targetType: 'Order',
        targetId: payment.orderId,
        reason,
        details: { paymentId: payment.id, amountCents },
      });
      await em.flush();
      // Each invoiced part refunded gets its credit note, against its producer's invoice.
      const reasonText = reason?.trim().slice(0, 500) || 'Remboursement';
      await this.creditNotes.creditRefunds(
        em,
        transfers.flatMap((transfer, index) =>
          parts[index].refundCents > 0
            ? [
                {
                  supplierOrderId: transfer.supplierOrderId,
                  amountCents: parts[index].refundCents,
                  reason: reasonText,
                  sourceKey: `refund:${payment.id}:${attempt}:${transfer.supplierOrderId}`,
                },
              ]
            : [],
        ),
      );
      return payment;
    });
  }
}
