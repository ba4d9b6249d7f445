import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { APP_CONFIG, type AppConfig, PermanentJobError } from '@app/platform';
import type { Payment } from '../entities/payment.entity';
import { ProducerPayoutAccount } from '../entities/producer-payout-account.entity';
import { ProducerTransfer } from '../entities/producer-transfer.entity';
import { type ProducerShare, commissionBasisPoints, splitCharge, type SupplierOrderCharge } from './charge-split';
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

  async transfer(em: EntityManager, payment: Payment, share: ProducerShare): Promise<void> {
    const existing = await em.findOne(ProducerTransfer, { supplierOrderId: share.supplierOrderId });
    if (existing?.stripeTransferId) return;
    // A part refunded before its transfer went out (an admin's refund while the transfer had failed): its producer is
    // paid its transfer less its share of the refunds, withheld already (`withhold`), and nothing once refunded whole.
    // The key stays `transfer:<part>`: had an earlier attempt reached Stripe unseen, the new amount is refused as a
    // misused key (an alert) rather than paid twice.
    const amount = existing ? existing.amountCents - existing.reversedCents : share.transferCents;
    if (amount <= 0) {
      this.logger.log(
        { event: 'payout.withheld', orderId: payment.orderId, supplierOrderId: share.supplierOrderId },
        'Nothing to transfer: the part was refunded whole before its transfer',
      );
      return;
    }
    const account = await em.findOne(ProducerPayoutAccount, { producerId: share.producerId });
    if (!account)
      throw new PermanentJobError(
        `Producer ${share.producerId} has no payout account; its transfer waits for an admin.`,
      );
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
    transfer.reversedCents += Math.max(0, Math.min(amountCents, transfer.amountCents - transfer.reversedCents));
  }

  private client(): StripeClient {
    if (!this.stripe) throw new PermanentJobError('Card payments are not set up on this server.');
    return this.stripe;
  }
}
