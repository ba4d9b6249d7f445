import type { EntityManager } from '@mikro-orm/sql';
import { Order } from '../entities/order.entity';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { purchaseLines } from './purchase-lines';

/**
 * The read-ahead of `purchaseLines`: while the caller writes a batch, the next one is already being read. A failure of
 * that read must reach the caller at its next pull, never surface as an unhandled rejection (which ends a Node
 * process, and with it every job of the worker).
 */
describe('purchaseLines read-ahead', () => {
  const at = new Date('2026-03-02T08:00:00Z');
  // A full page (100 supplier orders): the next one is read ahead.
  const parts = Array.from({ length: 100 }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    order: 'order-1',
    producerId: 'producer-1',
    delivery: { mode: 'PRODUCER_DELIVERY' },
    producerLocation: { latitude: 46.2, longitude: 1.9 },
    deliveryLocation: { latitude: 46.1, longitude: 1.8 },
    carbon: { vehicleId: 'vul_diesel' },
    roundId: null,
    deliveredAt: at,
    createdAt: at,
  }));

  /** An entity manager whose second page of supplier orders fails 5 ms after it is asked for. */
  function failingOnSecondPage(): EntityManager {
    let pages = 0;
    const builder = (rows: () => Promise<unknown[]>) => {
      const chain = {
        select: () => chain,
        where: () => chain,
        orderBy: () => chain,
        limit: () => chain,
        execute: rows,
      };
      return chain;
    };
    return {
      getPlatform: () => ({}),
      createQueryBuilder: (entity: unknown) =>
        entity === SupplierOrder
          ? builder(async () => {
              pages += 1;
              if (pages === 1) return parts;
              await new Promise((settle) => setTimeout(settle, 5));
              throw new Error('connection lost');
            })
          : entity === Order
            ? builder(async () => [
                {
                  id: 'order-1',
                  number: 'CMD-1',
                  createdAt: at,
                  buyerOrganizationId: 'buyer-1',
                  deliveryInseeCode: '23096',
                },
              ])
            : builder(async () =>
                parts.map((part) => ({
                  supplierOrder: part.id,
                  position: 0,
                  productId: 'p',
                  name: 'Poireaux',
                  category: 'FRESH_VEGETABLES',
                  unit: 'KG',
                  quantityThousandths: 1000,
                  massKg: 1,
                  totalCents: 300,
                  brandIds: [],
                  carbonMassShare: 1,
                  carbonTkm: 0.1,
                  carbonEmissionsKgCo2e: 0.2,
                  carbonBaselineKgCo2e: 0.3,
                  carbonSavedKgCo2e: 0.1,
                  carbonBaselineScenarioId: 'baseline.categories.fresh_vegetables',
                })),
              ),
    } as unknown as EntityManager;
  }

  it('hands a failed read-ahead to the caller at its next pull, not to the process', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const lines = purchaseLines(failingOnSecondPage(), {
        buyerOrganizationId: 'buyer-1',
        from: new Date('2026-01-01'),
        to: new Date('2027-01-01'),
        basis: 'delivered',
      });
      expect((await lines.next()).value).toHaveLength(100);
      // The caller is busy writing the first batch while the second page fails.
      await new Promise((settle) => setTimeout(settle, 50));
      await expect(lines.next()).rejects.toThrow('connection lost');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
