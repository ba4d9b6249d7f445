import type { CarbonFootprint, LineFootprint, SupplierOrderCarbonInput } from '@app/carbon';
import type { OrderLine } from '../entities/order-line.entity';
import type { SupplierOrder } from '../entities/supplier-order.entity';

/** The longest distance a producer may report for a delivery or a round (km): beyond it, surely a typo. */
export const MAX_ODOMETER_KM = 2000;
/** The most fuel a round may report (litres): beyond it, surely a typo. */
export const MAX_FUEL_LITRES = 1000;

/** What the carbon method needs of a supplier order, from what it stored at placement. */
export function carbonInputOf(supplierOrder: SupplierOrder, odometerKm?: number): SupplierOrderCarbonInput {
  return {
    lines: supplierOrder.lines
      .getItems()
      .map((line) => ({ massKg: line.massKg, category: line.category, intermediaries: line.intermediaries })),
    producerLocation: supplierOrder.producerLocation,
    deliveryLocation: supplierOrder.deliveryLocation,
    deliveryOption: { mode: supplierOrder.delivery.mode, vehicleId: supplierOrder.delivery.vehicleId },
    odometerKm,
  };
}

/** A line's share of its supplier order's footprint, as the line's own columns (what reports read). */
export function lineFootprintColumns(
  line: LineFootprint,
): Pick<
  OrderLine,
  | 'carbonMassShare'
  | 'carbonTkm'
  | 'carbonEmissionsKgCo2e'
  | 'carbonBaselineKgCo2e'
  | 'carbonSavedKgCo2e'
  | 'carbonBaselineScenarioId'
> {
  return {
    carbonMassShare: line.massShare,
    carbonTkm: line.tkm,
    carbonEmissionsKgCo2e: line.emissionsKgCo2e,
    carbonBaselineKgCo2e: line.baselineKgCo2e,
    carbonSavedKgCo2e: line.savedKgCo2e,
    carbonBaselineScenarioId: line.baselineFactorIds[0] ?? null,
  };
}

/**
 * A new footprint replacing the stored one; the placement estimate is kept beside it. Each line (loaded: the
 * footprint was computed from them, in this order) gets its new share in its own columns at the same time.
 */
export function replacedFootprint(supplierOrder: SupplierOrder, carbon: CarbonFootprint): Partial<SupplierOrder> {
  supplierOrder.lines
    .getItems()
    .forEach((line, index) => Object.assign(line, lineFootprintColumns(carbon.lines[index])));
  return {
    carbon,
    placementCarbon: supplierOrder.placementCarbon ?? supplierOrder.carbon,
    emissionsKgCo2e: carbon.emissionsKgCo2e,
    baselineKgCo2e: carbon.baselineKgCo2e,
    massKg: carbon.massKg,
  };
}
