import { Inject, Logger } from '@nestjs/common';
import {
  SUPPLIER_ORDER_STATUS_CHANGED,
  SupplierOrderStatus,
  type SupplierOrderStatusChanged,
  orderSnapshots,
  supplierOrderSnapshot,
} from '@app/ordering';
import { HandlesJob, type JobContext, type JobHandler, OutboxService } from '@app/platform';
import { CreditNoteService } from '../invoices/credit-notes/credit-note.service';
import { InvoiceDrafts } from '../invoices/invoice-drafts';
import { InvoicePayments } from '../invoices/invoice-payments';
import { InvoiceService } from '../invoices/invoice.service';
import {
  ORDER_PAID,
  type OrderPaid,
  PRODUCER_TRANSFER,
  type ProducerTransferDue,
  RETRANSFER,
  type Retransfer,
  REVERSE_TRANSFER,
  type ReverseTransfer,
} from '../payments-events';
import { applyPaymentEvent, lockedPayment } from './payment-ledger';
import { PaymentEvent, PaymentStatus, isCaptured } from './payment-state';
import { PaymentDispute } from '../entities/payment-dispute.entity';
import { ProducerTransfer } from '../entities/producer-transfer.entity';
import { bankRefundOf, settledByLostDispute } from './disputed-payments';
import { PayoutsService, held } from './payouts.service';
import { cancelPart, ledgerOf, refundOf } from './refund-allocation';
import { RefundsService } from './refunds.service';
import { STRIPE_CLIENT, type StripeClient } from './stripe-client';
import { StripeRefusalsArePermanent, isStripeRefusal } from './stripe-errors';

/**
 * A verified card payment: each producer's transfer (supplier order total − commission) is a job of its own, parts
 * cancelled meanwhile are refunded, and the buyer gets one invoice per producer, issued paid, whatever becomes of the
 * transfers.
 */
@HandlesJob(ORDER_PAID)
export class OrderPaidHandler implements JobHandler<OrderPaid> {
  constructor(
    private readonly outbox: OutboxService,
    private readonly refunds: RefundsService,
    private readonly drafts: InvoiceDrafts,
    private readonly invoices: InvoiceService,
  ) {}

  @StripeRefusalsArePermanent()
  async handle({ orderId }: OrderPaid, context: JobContext): Promise<void> {
    const em = context.em;
    const payment = await lockedPayment(em, orderId);
    if (!payment || !isCaptured(payment.status)) return;
    const covered = (await orderSnapshots(em, orderId)).filter((part) =>
      payment.supplierOrderIds.includes(part.supplierOrderId),
    );
    const live = covered.filter((part) => part.status !== SupplierOrderStatus.CANCELLED);
    for (const part of live) {
      this.outbox.enqueue(em, PRODUCER_TRANSFER, {
        orderId,
        supplierOrderId: part.supplierOrderId,
      } satisfies ProducerTransferDue);
    }
    for (const part of covered.filter((candidate) => candidate.status === SupplierOrderStatus.CANCELLED)) {
      await this.refunds.refund(em, payment, part.totalCents, {
        key: `refund:${part.supplierOrderId}`,
        supplierOrderId: part.supplierOrderId,
        capped: true,
      });
    }
    await this.invoices.issueAll(em, await this.drafts.of(em, live));
  }
}

/**
 * One producer's transfer for a verified card payment, retried and failed on its own (its key `transfer:<part>` makes
 * a retried job get the same transfer back). A part cancelled before it runs is not paid: the cancellation refunded it
 * whole, finding no transfer (both take the payment's lock). A failure raises an alert: the producer waits for money.
 */
@HandlesJob(PRODUCER_TRANSFER)
export class ProducerTransferHandler implements JobHandler<ProducerTransferDue> {
  private readonly logger = new Logger('Payouts');

  constructor(private readonly payouts: PayoutsService) {}

  @StripeRefusalsArePermanent()
  async handle({ orderId, supplierOrderId }: ProducerTransferDue, context: JobContext): Promise<void> {
    const em = context.em;
    const payment = await lockedPayment(em, orderId);
    const share = payment && (await this.payouts.shareDue(em, payment, supplierOrderId));
    if (!share) return;
    try {
      await this.payouts.transfer(em, payment, share);
    } catch (error) {
      this.logger.error(
        {
          event: 'payout.transfer_failed',
          alert: true,
          orderId,
          supplierOrderId,
          producerId: share.producerId,
          amountCents: share.transferCents,
          attempt: context.attempt,
          error: error instanceof Error ? error.message : String(error),
        },
        "A producer's transfer failed: the other producers' transfers and the invoices stand",
      );
      throw error;
    }
  }
}

/**
 * A cancelled supplier order: for a card order, refunded and its transfer reversed once paid (credited only when a
 * dispute lost gave it back already), or, before payment, the PaymentIntent cancelled when nothing is left to pay
 * for; for an invoice order, the payment settled if every remaining invoice is paid.
 */
@HandlesJob(SUPPLIER_ORDER_STATUS_CHANGED)
export class CardRefundOnCancellation implements JobHandler<SupplierOrderStatusChanged> {
  constructor(
    private readonly refunds: RefundsService,
    private readonly creditNotes: CreditNoteService,
    private readonly outbox: OutboxService,
    private readonly invoicePayments: InvoicePayments,
    @Inject(STRIPE_CLIENT) private readonly stripe: StripeClient | null,
  ) {}

  @StripeRefusalsArePermanent()
  async handle(
    { supplierOrderId, orderId, to, reason }: SupplierOrderStatusChanged,
    context: JobContext,
  ): Promise<void> {
    if (to !== SupplierOrderStatus.CANCELLED) return;
    const em = context.em;
    const payment = await lockedPayment(em, orderId);
    if (!payment || !payment.supplierOrderIds.includes(supplierOrderId)) return;
    // An invoice order whose other parts are all paid is settled once its last unpaid part is cancelled.
    if (payment.method === 'INVOICE') return this.invoicePayments.settleIfAllPaid(em, orderId);
    if (isCaptured(payment.status)) {
      const key = `refund:${supplierOrderId}`;
      const credit = { supplierOrderId, reason: reason?.trim() || 'Annulation de la commande', sourceKey: key };
      const transfer = await em.findOne(ProducerTransfer, { supplierOrderId });
      const dispute = await em.findOne(PaymentDispute, { paymentId: payment.id });
      if (dispute && settledByLostDispute(dispute, transfer)) {
        // The buyer's bank gave the part back through a dispute lost, and the dispute took its producer's share back:
        // no refund (it would be a second one, and Stripe refuses to refund a disputed charge), no reversal (DATA-09).
        // The sale is undone all the same: its invoice gets the credit note of what the bank gave back, as a
        // refunded cancellation's gets the credit note of its refund.
        await this.creditNotes.creditRefund(em, {
          ...credit,
          reason: `${credit.reason} — montant rendu par la banque de l’acheteur (contestation acceptée)`,
          amountCents: bankRefundOf(dispute, supplierOrderId),
          settledBy: 'BUYER_BANK',
        });
        return;
      }
      if (!transfer) {
        // Not distributed yet: the order-paid job will see the part cancelled and refund it whole (same key).
        const part = (await supplierOrderSnapshot(em, supplierOrderId))!;
        const refunded = await this.refunds.refund(em, payment, part.totalCents, {
          key,
          supplierOrderId,
          capped: true,
        });
        if (refunded > 0) await this.creditNotes.creditRefund(em, { ...credit, amountCents: refunded });
        return;
      }
      const ledger = ledgerOf(transfer);
      const giveBack = cancelPart(ledger);
      const refunded = await this.refunds.refund(em, payment, giveBack.refundCents, {
        key,
        supplierOrderId,
        capped: true,
      });
      if (refunded <= 0) return;
      // The refund Stripe made is recorded now, with its credit note; the producer gives back its share of what the
      // buyer actually got back (less than the part if the payment ran out) in a job of its own, retried on its own,
      // so that a producer's empty balance never erases the record of a refund.
      const share = refunded === giveBack.refundCents ? giveBack : refundOf(ledger, refunded);
      transfer.refundedCents += share.refundCents;
      await em.flush();
      await this.creditNotes.creditRefund(em, { ...credit, amountCents: refunded });
      if (share.reversalCents > 0) {
        await this.outbox.enqueue(em, REVERSE_TRANSFER, {
          supplierOrderId,
          amountCents: share.reversalCents,
          key: `reversal:${supplierOrderId}`,
        } satisfies ReverseTransfer);
      }
      return;
    }
    const stillToPay = (await orderSnapshots(em, orderId)).some(
      (part) =>
        payment.supplierOrderIds.includes(part.supplierOrderId) && part.status !== SupplierOrderStatus.CANCELLED,
    );
    if (stillToPay || !payment.paymentIntentId || !this.stripe || payment.status === PaymentStatus.CANCELLED) return;
    try {
      await this.stripe.paymentIntents.cancel(payment.paymentIntentId, {}, { idempotencyKey: `pi:${orderId}:cancel` });
    } catch (error) {
      if (!isStripeRefusal(error)) throw error;
      // Stripe will not cancel it: cancelled there already, or paid a moment ago (its webhook is on its way, and the
      // order-paid job then refunds the cancelled parts).
      if ((await this.stripe.paymentIntents.retrieve(payment.paymentIntentId)).status !== 'canceled') return;
    }
    applyPaymentEvent(payment, PaymentEvent.CANCELLED);
    await em.flush();
  }
}

/**
 * A producer gives back its share of a refund (an admin's, or a cancelled part's), retried on its own: the refund
 * and its credit note are recorded already. Each failure raises an alert: until it goes through, the platform has
 * refunded money the producer still holds.
 */
@HandlesJob(REVERSE_TRANSFER)
export class ReverseTransferHandler implements JobHandler<ReverseTransfer> {
  private readonly logger = new Logger('Payouts');

  constructor(private readonly payouts: PayoutsService) {}

  @StripeRefusalsArePermanent()
  async handle({ supplierOrderId, amountCents, key }: ReverseTransfer, context: JobContext): Promise<void> {
    const em = context.em;
    const unlocked = await em.findOne(ProducerTransfer, { supplierOrderId }, { fields: ['orderId'] });
    if (!unlocked) return;
    // One change of an order's money at a time: concurrent reversals of the same transfer would each read the same
    // reversed amount and write it back over the other's.
    await lockedPayment(em, unlocked.orderId);
    const transfer = await em.findOneOrFail(ProducerTransfer, { supplierOrderId }, { refresh: true });
    const amount = Math.min(amountCents, held(transfer));
    try {
      await this.payouts.reverse(em, transfer, amount, key);
    } catch (error) {
      this.logger.error(
        {
          event: 'payout.reversal_failed',
          alert: true,
          supplierOrderId,
          producerId: transfer.producerId,
          amountCents: amount,
          attempt: context.attempt,
          error: error instanceof Error ? error.message : String(error),
        },
        "A producer's transfer reversal failed: the buyer's refund stands, the producer still holds this amount",
      );
      throw error;
    }
  }
}

/**
 * A dispute won (PAY-17): a producer gets back what it gave of it, retried on its own (its key makes a retried job
 * transfer once). Each failure raises an alert: until it goes through, the platform holds the producer's money.
 */
@HandlesJob(RETRANSFER)
export class RetransferHandler implements JobHandler<Retransfer> {
  private readonly logger = new Logger('Payouts');

  constructor(private readonly payouts: PayoutsService) {}

  @StripeRefusalsArePermanent()
  async handle({ supplierOrderId, amountCents, key }: Retransfer, context: JobContext): Promise<void> {
    const em = context.em;
    const unlocked = await em.findOne(ProducerTransfer, { supplierOrderId }, { fields: ['orderId'] });
    if (!unlocked) return;
    const payment = (await lockedPayment(em, unlocked.orderId))!;
    const transfer = await em.findOneOrFail(ProducerTransfer, { supplierOrderId }, { refresh: true });
    try {
      await this.payouts.retransfer(em, transfer, amountCents, key);
      // Not made yet, it is made now with what it holds: its job may have found nothing to pay while the dispute
      // was open (withheld whole) and be over. Its key is the job's: whichever runs second finds it made.
      const share = !transfer.stripeTransferId && (await this.payouts.shareDue(em, payment, supplierOrderId));
      if (share) await this.payouts.transfer(em, payment, share);
    } catch (error) {
      this.logger.error(
        {
          event: 'payout.retransfer_failed',
          alert: true,
          supplierOrderId,
          producerId: transfer.producerId,
          amountCents,
          attempt: context.attempt,
          error: error instanceof Error ? error.message : String(error),
        },
        "A producer's re-transfer after a dispute won failed: the platform still holds this amount of the producer's",
      );
      throw error;
    }
  }
}
