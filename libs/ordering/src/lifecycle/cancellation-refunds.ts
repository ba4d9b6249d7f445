import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import type { AppError } from '@app/platform';

/** Answers why a part of an order cannot be cancelled for its payment's sake (the payments context knows it). */
export interface CancellationRefundCheck {
  /** The error to answer when cancelling this part would promise a refund that cannot be made; null when it can. */
  refusal(em: EntityManager, orderId: string, supplierOrderId: string): Promise<AppError | null>;
}

/**
 * The port every cancellation asks before moving a part (the buyer's, a part of `cancelOrder`, the producer's): a
 * paid card part is refunded when cancelled, and the payments context refuses a cancellation it could not refund
 * (a disputed payment, `PAYMENT_DISPUTED`, but for a part a lost dispute gave back whole). Ordering cannot import payments (payments depends on ordering), so the
 * payments context plugs its check in at start; without one, nothing is refused.
 */
@Injectable()
export class CancellationRefunds {
  private check?: CancellationRefundCheck;

  use(check: CancellationRefundCheck): void {
    this.check = check;
  }

  refusal(em: EntityManager, orderId: string, supplierOrderId: string): Promise<AppError | null> {
    return this.check ? this.check.refusal(em, orderId, supplierOrderId) : Promise.resolve(null);
  }
}
