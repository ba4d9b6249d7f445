import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { byKeys } from '@app/platform';
import { Payment } from '../entities/payment.entity';

@Injectable()
export class PaymentQueries {
  constructor(private readonly orm: MikroORM) {}

  /** For a DataLoader: the caller has already been allowed to read these orders. */
  async byOrderIds(orderIds: readonly string[]): Promise<(Payment | null)[]> {
    return byKeys(
      orderIds,
      await this.orm.em.fork().find(Payment, { orderId: orderIds as string[] }),
      (payment) => payment.orderId,
    );
  }
}
