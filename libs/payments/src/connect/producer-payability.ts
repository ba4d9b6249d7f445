import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { CardPayability, type CardPayabilityCheck } from '@app/ordering';
import { ProducerPayoutAccount } from '../entities/producer-payout-account.entity';

/**
 * What `placeOrder` asks before a card order (`PRODUCER_NOT_PAYABLE`): a producer is payable when its Stripe
 * account takes charges and transfers, as Stripe's last `account.updated` told us — no call to Stripe in the
 * checkout. `startCardPayment` asks Stripe itself again before charging anything.
 */
@Injectable()
export class ProducerPayability implements CardPayabilityCheck, OnModuleInit {
  constructor(private readonly port: CardPayability) {}

  onModuleInit(): void {
    this.port.use(this);
  }

  async unpayableProducers(em: EntityManager, producerIds: string[]): Promise<string[]> {
    const payable = new Set(
      (
        await em.find(
          ProducerPayoutAccount,
          { producerId: producerIds, chargesEnabled: true, transfersActive: true },
          { fields: ['producerId'] },
        )
      ).map((account) => account.producerId),
    );
    return producerIds.filter((producerId) => !payable.has(producerId));
  }
}
