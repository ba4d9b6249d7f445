import { Injectable } from '@nestjs/common';
import { byKeys, UnitOfWork } from '@app/platform';
import { Payment } from '../entities/payment.entity';
import { PaymentDispute, producerShareOf } from '../entities/payment-dispute.entity';
import { ProducerTransfer } from '../entities/producer-transfer.entity';
import { settledByLostDispute } from './disputed-payments';

/** A dispute read through one supplier order: what its producer gives back of it too. */
export type PartDispute = Pick<PaymentDispute, 'outcome' | 'status' | 'reason' | 'amountCents' | 'createdAt'> & {
  shareCents: number;
  /** Lost, and all that was left of the part given back by the bank: it may be cancelled with no refund. */
  partRefundedByBank: boolean;
};

@Injectable()
export class PaymentQueries {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** For a DataLoader: the caller has already been allowed to read these orders. */
  async byOrderIds(orderIds: readonly string[]): Promise<(Payment | null)[]> {
    return byKeys(
      orderIds,
      await this.unitOfWork.em.find(Payment, { orderId: orderIds as string[] }),
      (payment) => payment.orderId,
    );
  }

  /** For a DataLoader: each payment's dispute, if any (the caller has already been allowed to read the payments). */
  async disputesByPaymentIds(paymentIds: readonly string[]): Promise<(PaymentDispute | null)[]> {
    return byKeys(
      paymentIds,
      await this.unitOfWork.em.find(PaymentDispute, { paymentId: paymentIds as string[] }),
      (dispute) => dispute.paymentId,
    );
  }

  /**
   * For a DataLoader: the dispute on the card payment of each supplier order, if any (the caller has already been
   * allowed to read the supplier orders). A part a dispute concerns has its transfer row (made, or due: a dispute
   * gives one to every part it is spread over), which names its order. Each with the share of its part's producer,
   * and whether the bank gave the part back whole (a dispute lost: it may be cancelled with no refund).
   */
  async disputesBySupplierOrderIds(supplierOrderIds: readonly string[]): Promise<(PartDispute | null)[]> {
    const em = this.unitOfWork.em;
    const transfers = await em.find(
      ProducerTransfer,
      { supplierOrderId: supplierOrderIds as string[] },
      {
        fields: ['supplierOrderId', 'orderId', 'amountCents', 'commissionCents', 'refundedCents', 'reversedCents'],
      },
    );
    const payments = transfers.length
      ? await em.find(Payment, { orderId: transfers.map((transfer) => transfer.orderId) }, { fields: ['orderId'] })
      : [];
    const disputes = payments.length
      ? await em.find(PaymentDispute, { paymentId: payments.map((payment) => payment.id) })
      : [];
    return supplierOrderIds.map((id) => {
      const transfer = transfers.find((candidate) => candidate.supplierOrderId === id);
      const orderId = transfer?.orderId;
      const paymentId = payments.find((payment) => payment.orderId === orderId)?.id;
      const dispute = disputes.find((candidate) => candidate.paymentId === paymentId);
      if (!dispute) return null;
      const { outcome, status, reason, amountCents, createdAt } = dispute;
      return {
        outcome,
        status,
        reason,
        amountCents,
        createdAt,
        shareCents: producerShareOf(dispute, id),
        partRefundedByBank: settledByLostDispute(dispute, transfer),
      };
    });
  }
}
