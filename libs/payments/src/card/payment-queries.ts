import { Injectable } from '@nestjs/common';
import { byKeys, UnitOfWork } from '@app/platform';
import { Payment } from '../entities/payment.entity';
import { PaymentDispute } from '../entities/payment-dispute.entity';

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
}
