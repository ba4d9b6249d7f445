import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';

/** Answers which of these producers cannot take a card payment now (the payments context knows their accounts). */
export interface CardPayabilityCheck {
  unpayableProducers(em: EntityManager, producerIds: string[]): Promise<string[]>;
}

/**
 * The port `placeOrder` asks before writing a card order (PRODUCT.md §7, `PRODUCER_NOT_PAYABLE`). Ordering cannot
 * import payments (payments depends on ordering), so the payments context plugs its check in at start; without one,
 * no producer counts as payable and card orders are refused.
 */
@Injectable()
export class CardPayability {
  private check?: CardPayabilityCheck;

  use(check: CardPayabilityCheck): void {
    this.check = check;
  }

  unpayableProducers(em: EntityManager, producerIds: string[]): Promise<string[]> {
    return this.check ? this.check.unpayableProducers(em, producerIds) : Promise.resolve([...producerIds]);
  }
}
