import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { SupplierOrderStatus, orderSnapshots, supplierOrderSnapshot } from '@app/ordering';
import { APP_CONFIG, type AppConfig, PermanentJobError } from '@app/platform';
import type { Payment } from '../entities/payment.entity';
import { ProducerPayoutAccount } from '../entities/producer-payout-account.entity';
import { ProducerTransfer } from '../entities/producer-transfer.entity';
import { type ProducerShare, commissionBasisPoints, splitCharge, type SupplierOrderCharge } from './charge-split';
import { isCaptured } from './payment-state';
import type { PartRefund } from './refund-allocation';
import { STRIPE_CLIENT, type StripeClient } from './stripe-client';

/**
 * Transfers to producers after a verified card payment, and their reversal after a cancellation. Each Stripe call
 * carries a key built from the supplier order's id: a retried job gets the same transfer back, never a second one.
 */
@Injectable()
export class PayoutsService {
  private readonly logger = new Logger('Payouts');

  constructor(
    @Inject(STRIPE_CLIENT) private readonly stripe: StripeClient | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Each producer's transfer, at the commission the payment started with (the setting for older payments). */
  shares(parts: SupplierOrderCharge[], payment?: Pick<Payment, 'commissionBasisPoints'>): ProducerShare[] {
    return splitCharge(
      parts,
      payment?.commissionBasisPoints ?? commissionBasisPoints(this.config.payments.commissionRate),
    );
  }

  /** The producer's share of a part the payment still pays for (captured, covered, not cancelled); null if none. */
  async shareDue(em: EntityManager, payment: Payment, supplierOrderId: string): Promise<ProducerShare | null> {
    if (!isCaptured(payment.status) || !payment.supplierOrderIds.includes(supplierOrderId)) return null;
    const part = await supplierOrderSnapshot(em, supplierOrderId);
    if (!part || part.status === SupplierOrderStatus.CANCELLED) return null;
    return this.shares([part], payment)[0];
  }

  async transfer(em: EntityManager, payment: Payment, share: ProducerShare): Promise<void> {
    const existing = await em.findOne(ProducerTransfer, { supplierOrderId: share.supplierOrderId });
    if (existing?.stripeTransferId) return;
    // A part refunded before its transfer went out (an admin's refund while the transfer had failed): its producer is
    // paid its transfer less its share of the refunds, withheld already (`withhold`), and nothing once refunded whole.
    // The key stays `transfer:<part>`: had an earlier attempt reached Stripe unseen, the new amount is refused as a
    // misused key (an alert) rather than paid twice.
    const amount = existing ? held(existing) : share.transferCents;
    if (amount <= 0) {
      this.logger.log(
        { event: 'payout.withheld', orderId: payment.orderId, supplierOrderId: share.supplierOrderId },
        'Nothing to transfer: the part was refunded whole before its transfer',
      );
      return;
    }
    const account = await this.accountOf(em, share.producerId);
    const transfer = await this.client().transfers.create(
      {
        amount,
        currency: 'eur',
        destination: account.stripeAccountId,
        transfer_group: `order:${payment.orderId}`,
        source_transaction: payment.chargeId,
        metadata: { orderId: payment.orderId, supplierOrderId: share.supplierOrderId },
      },
      { idempotencyKey: `transfer:${share.supplierOrderId}` },
    );
    const row = existing ?? this.dueRow(em, payment, share);
    row.stripeTransferId = transfer.id;
    await em.persist(row).flush();
    this.logger.log(
      {
        event: 'payout.transferred',
        orderId: payment.orderId,
        supplierOrderId: share.supplierOrderId,
        amountCents: amount,
      },
      'Transfer sent',
    );
  }

  /**
   * Gives a producer back `amountCents` of what a dispute took from it, the dispute won (PAY-17): a transfer of its
   * own once its transfer was made (the key makes a retried job transfer once), else added to the transfer to come.
   * Not tied to the charge (`source_transaction`): the funds Stripe reinstated are in the platform's balance.
   */
  async retransfer(em: EntityManager, transfer: ProducerTransfer, amountCents: number, key: string): Promise<void> {
    if (amountCents <= 0) return;
    if (transfer.stripeTransferId) {
      const account = await this.accountOf(em, transfer.producerId);
      await this.client().transfers.create(
        {
          amount: amountCents,
          currency: 'eur',
          destination: account.stripeAccountId,
          transfer_group: `order:${transfer.orderId}`,
          metadata: { orderId: transfer.orderId, supplierOrderId: transfer.supplierOrderId, retransfer: key },
        },
        { idempotencyKey: key },
      );
    }
    transfer.retransferredCents += amountCents;
    await em.flush();
  }

  /**
   * The transfer row of every part a payment still covers, by supplier order: the rows of the transfers made, and for
   * a part whose transfer failed or waits (or whose order-paid job has not run yet), a row of the transfer due (no
   * Stripe id yet), persisted, so that a refund or a dispute is spread over every part, not over the parts paid out
   * only, and the transfer to come is reduced by its producer's share. A part cancelled before its transfer was
   * refunded whole by its cancellation: nothing more to spread on it.
   */
  async everyPart(em: EntityManager, payment: Payment): Promise<ProducerTransfer[]> {
    const made = await em.find(ProducerTransfer, { orderId: payment.orderId });
    const known = new Set(made.map((transfer) => transfer.supplierOrderId));
    const bySupplierOrder = (a: ProducerTransfer, b: ProducerTransfer) =>
      a.supplierOrderId < b.supplierOrderId ? -1 : 1;
    // Every part has its row (the usual case): no more to read while the payment's lock is held.
    if (payment.supplierOrderIds.every((id) => known.has(id))) return made.sort(bySupplierOrder);
    const waiting = (await orderSnapshots(em, payment.orderId)).filter(
      (part) =>
        payment.supplierOrderIds.includes(part.supplierOrderId) &&
        !known.has(part.supplierOrderId) &&
        part.status !== SupplierOrderStatus.CANCELLED,
    );
    const due = this.shares(waiting, payment).map((share) => this.dueRow(em, payment, share));
    em.persist(due);
    return [...made, ...due].sort(bySupplierOrder);
  }

  /** The row of a producer's transfer, before it is made (its Stripe id comes with the transfer). */
  dueRow(em: EntityManager, payment: Pick<Payment, 'orderId'>, share: ProducerShare): ProducerTransfer {
    return em.create(ProducerTransfer, {
      orderId: payment.orderId,
      supplierOrderId: share.supplierOrderId,
      producerId: share.producerId,
      amountCents: share.transferCents,
      commissionCents: share.commissionCents,
    });
  }

  /** Records a part's refund and takes back the producer's share of it (`refund-allocation.ts` computed both). */
  async giveBack(
    em: EntityManager,
    transfer: ProducerTransfer,
    { refundCents, reversalCents }: PartRefund,
    key: string,
  ): Promise<void> {
    transfer.refundedCents += refundCents;
    await this.reverse(em, transfer, reversalCents, key);
  }

  /**
   * Takes `amountCents` back from the producer's transfer; the key makes a retried job reverse once. A transfer not
   * made yet (failed, or waiting) is reduced instead: the producer is never paid for what the buyer got back.
   */
  async reverse(em: EntityManager, transfer: ProducerTransfer, amountCents: number, key: string): Promise<void> {
    if (amountCents > 0 && transfer.stripeTransferId) {
      await this.client().transfers.createReversal(
        transfer.stripeTransferId,
        { amount: amountCents, metadata: { supplierOrderId: transfer.supplierOrderId } },
        { idempotencyKey: key },
      );
      transfer.reversedCents += amountCents;
    } else {
      this.withhold(transfer, amountCents);
    }
    await em.flush();
  }

  /**
   * The producer's share of a refund, taken off a transfer not made yet: booked as given back (`reversedCents`), so
   * that the ledger holds (DATA-09) and the transfer, when it goes out, is its amount less what was withheld.
   */
  withhold(transfer: ProducerTransfer, amountCents: number): void {
    if (transfer.stripeTransferId) throw new Error('A transfer made is taken back by a reversal, not withheld.');
    transfer.reversedCents += Math.max(0, Math.min(amountCents, held(transfer)));
  }

  private async accountOf(em: EntityManager, producerId: string): Promise<ProducerPayoutAccount> {
    const account = await em.findOne(ProducerPayoutAccount, { producerId });
    if (!account)
      throw new PermanentJobError(`Producer ${producerId} has no payout account; its transfer waits for an admin.`);
    return account;
  }

  private client(): StripeClient {
    if (!this.stripe) throw new PermanentJobError('Card payments are not set up on this server.');
    return this.stripe;
  }
}

/** What a producer holds of its transfer (or will be paid of it): its amount, less what it gave back, plus what it got back. */
export function held(transfer: Pick<ProducerTransfer, 'amountCents' | 'reversedCents' | 'retransferredCents'>): number {
  return transfer.amountCents - transfer.reversedCents + transfer.retransferredCents;
}
