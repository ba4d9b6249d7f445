import { supplierOrderFootprint } from '@app/carbon';
import type { OrderLine } from '../entities/order-line.entity';
import type { SupplierOrder } from '../entities/supplier-order.entity';
import { replacedFootprint } from './supplier-order-carbon';

/**
 * Reports read each line's share of the footprint from the line's own columns: every footprint that replaces a
 * supplier order's (a round re-allocated, a delivery reported) must write them again, line by line in order.
 */
describe('replacedFootprint', () => {
  it("writes each line's new share of the footprint into the line's own columns", () => {
    const lines = [
      { massKg: 12, category: 'FRESH_VEGETABLES', intermediaries: 0 },
      { massKg: 3, category: 'DAIRY_CHEESE', intermediaries: 0 },
    ] as OrderLine[];
    const placed = supplierOrderFootprint({
      lines,
      producerLocation: { latitude: 46.2, longitude: 1.9 },
      deliveryLocation: { latitude: 46.15847, longitude: 1.87047 },
      deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
    });
    const delivered = supplierOrderFootprint({
      lines,
      producerLocation: { latitude: 46.2, longitude: 1.9 },
      deliveryLocation: { latitude: 46.15847, longitude: 1.87047 },
      deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
      odometerKm: 42,
    });
    const supplierOrder = { carbon: placed, lines: { getItems: () => lines } } as unknown as SupplierOrder;

    const changes = replacedFootprint(supplierOrder, delivered);

    expect(changes).toMatchObject({ carbon: delivered, placementCarbon: placed });
    expect(delivered.lines[0].emissionsKgCo2e).not.toBe(placed.lines[0].emissionsKgCo2e);
    expect(
      lines.map((line) => [
        line.carbonMassShare,
        line.carbonTkm,
        line.carbonEmissionsKgCo2e,
        line.carbonBaselineKgCo2e,
        line.carbonSavedKgCo2e,
        line.carbonBaselineScenarioId,
      ]),
    ).toEqual(
      delivered.lines.map((share) => [
        share.massShare,
        share.tkm,
        share.emissionsKgCo2e,
        share.baselineKgCo2e,
        share.savedKgCo2e,
        share.baselineFactorIds[0],
      ]),
    );
  });
});
