import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import type Stripe from 'stripe';
import { OutboxService } from '@app/platform';
import type { Payment } from '../entities/payment.entity';
import { type DisputeOutcome, PaymentDispute } from '../entities/payment-dispute.entity';
import { ProducerTransfer } from '../entities/producer-transfer.entity';
import { RETRANSFER, type Retransfer, REVERSE_TRANSFER, type ReverseTransfer } from '../payments-events';
import { PayoutsService } from './payouts.service';
import { allocateRefund, ledgerOf } from './refund-allocation';

/** Where a Stripe dispute stands for us: `won` and an inquiry's `warning_closed` give the money back. */
function outcomeOf(dispute: Stripe.Dispute): DisputeOutcome {
  if (dispute.status === 'lost') return 'LOST';
  if (dispute.status === 'won' || dispute.status === 'warning_closed') return 'WON';
  return 'OPEN';
}

/**
 * The order of an open dispute's statuses (an inquiry's first): an event read late never moves a status back.
 * https://docs.stripe.com/api/disputes/object#dispute_object-status
 */
const OPEN_STATUSES: readonly string[] = [
  'warning_needs_response',
  'warning_under_review',
  'needs_response',
  'under_review',
];

/** How far on an open status is (an unknown one, Stripe's new one, counts as the furthest). */
const rankOf = (status: string): number =>
  OPEN_STATUSES.includes(status) ? OPEN_STATUSES.indexOf(status) : OPEN_STATUSES.length;

const isFurther = (current: string, next: string): boolean => rankOf(next) > rankOf(current);

/**
 * Chargebacks on card payments (PAY-17). Stripe debits the platform the disputed amount when the dispute opens, so
 * each producer paid by that charge gives back its share of it, exactly as for a refund (refund-allocation.ts: the
 * disputed amount is spread over the parts by what is left of each, and the producer's share follows the part's
 * cumulative give-back): a reversal job of its own, or withheld from a transfer not made yet. Won, the producers get
 * it back (a re-transfer job each); lost, the reversals stand and the loss is the buyer's bank's refund.
 * The caller holds the payment's lock; each dispute is applied once whatever the events' order or number: its row
 * is written once, and moves from OPEN to WON or LOST once.
 */
@Injectable()
export class DisputesService {
  private readonly logger = new Logger('Disputes');

  constructor(
    private readonly payouts: PayoutsService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Applies a `charge.dispute.*` event (a closed one may arrive first: Stripe does not order events): the dispute is
   * recorded once, its open status only moves on, and it closes once.
   */
  async apply(em: EntityManager, payment: Payment, dispute: Stripe.Dispute): Promise<void> {
    const outcome = outcomeOf(dispute);
    const known = await em.findOne(PaymentDispute, { paymentId: payment.id });
    if (known && known.stripeDisputeId !== dispute.id) {
      this.logger.warn(
        {
          event: 'dispute.second',
          orderId: payment.orderId,
          stripeDisputeId: dispute.id,
          known: known.stripeDisputeId,
        },
        'A second dispute on one charge: not applied',
      );
      return;
    }
    if (!known) {
      const row = em.create(PaymentDispute, {
        paymentId: payment.id,
        stripeDisputeId: dispute.id,
        amountCents: dispute.amount,
        status: dispute.status,
        outcome,
        reason: dispute.reason,
      });
      em.persist(row);
      // Won at once (its opening never reached us): the money never left, nothing to give back.
      if (outcome !== 'WON') await this.takeBack(em, payment, row);
      await em.flush();
      this.logger.log(
        { event: 'dispute.recorded', orderId: payment.orderId, stripeDisputeId: dispute.id, outcome },
        'Dispute recorded',
      );
      return;
    }
    // Closed is final: a late `created` (or a second `closed`) changes nothing; so does an open status read late.
    if (known.outcome !== 'OPEN') return;
    if (outcome === 'OPEN' && !isFurther(known.status, dispute.status)) return;
    known.status = dispute.status;
    known.outcome = outcome;
    if (outcome === 'WON') await this.giveBack(em, known);
    await em.flush();
    this.logger.log(
      { event: 'dispute.updated', orderId: payment.orderId, stripeDisputeId: dispute.id, outcome: known.outcome },
      'Dispute updated',
    );
  }

  /** The disputed amount (at most what is left of the payment) spread over the parts, each producer's share taken back. */
  private async takeBack(em: EntityManager, payment: Payment, dispute: PaymentDispute): Promise<void> {
    const transfers = await this.payouts.everyPart(em, payment);
    const left = transfers.reduce(
      (sum, transfer) => sum + transfer.amountCents + transfer.commissionCents - transfer.refundedCents,
      0,
    );
    dispute.disputedCents = Math.min(dispute.amountCents, left);
    const parts = allocateRefund(transfers.map(ledgerOf), dispute.disputedCents);
    dispute.parts = parts;
    for (const [index, transfer] of transfers.entries()) {
      const part = parts[index];
      transfer.refundedCents += part.refundCents;
      if (part.reversalCents <= 0) continue;
      if (!transfer.stripeTransferId) this.payouts.withhold(transfer, part.reversalCents);
      else
        this.outbox.enqueue(em, REVERSE_TRANSFER, {
          supplierOrderId: transfer.supplierOrderId,
          amountCents: part.reversalCents,
          key: `dispute:${dispute.stripeDisputeId}:${transfer.supplierOrderId}`,
        } satisfies ReverseTransfer);
    }
  }

  /** Won: each part is owed what the dispute took of it again, and each producer gets its share back. */
  private async giveBack(em: EntityManager, dispute: PaymentDispute): Promise<void> {
    const transfers = await em.find(ProducerTransfer, {
      supplierOrderId: dispute.parts.map((part) => part.supplierOrderId),
    });
    for (const part of dispute.parts) {
      const transfer = transfers.find((row) => row.supplierOrderId === part.supplierOrderId)!;
      transfer.refundedCents -= part.refundCents;
      if (part.reversalCents <= 0) continue;
      this.outbox.enqueue(em, RETRANSFER, {
        supplierOrderId: part.supplierOrderId,
        amountCents: part.reversalCents,
        key: `retransfer:${dispute.stripeDisputeId}:${part.supplierOrderId}`,
      } satisfies Retransfer);
    }
  }
}
