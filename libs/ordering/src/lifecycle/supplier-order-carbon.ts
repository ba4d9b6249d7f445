import type { CarbonFootprint, SupplierOrderCarbonInput } from '@app/carbon';
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

/** A new footprint replacing the stored one; the placement estimate is kept beside it. */
export function replacedFootprint(supplierOrder: SupplierOrder, carbon: CarbonFootprint): Partial<SupplierOrder> {
  return {
    carbon,
    placementCarbon: supplierOrder.placementCarbon ?? supplierOrder.carbon,
    emissionsKgCo2e: carbon.emissionsKgCo2e,
    baselineKgCo2e: carbon.baselineKgCo2e,
    massKg: carbon.massKg,
  };
}
