import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { CarbonFootprint } from '@app/carbon';

/**
 * An earlier estimate of a supplier order's footprint (CARBON-METHOD §7.3): each time the planned round it belongs
 * to changes (an order joins, leaves or moves) or a delivery report replaces it, the footprint it had is kept here.
 */
@Entity({ tableName: 'supplier_order_footprint' })
export class SupplierOrderFootprint {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', index: 'supplier_order_footprint_order_idx' })
  supplierOrderId!: string;

  /** The footprint as it was until `replacedAt`. */
  @Property({ type: 'json' })
  carbon!: CarbonFootprint;

  @Property({ type: 'double' })
  emissionsKgCo2e!: number;

  /** Why it was replaced: ROUND_CHANGED (an order joined or left the planned round) or ROUND_REPORTED. */
  @Property({ type: 'string', length: 40 })
  reason!: string;

  @Property({ type: 'datetime' })
  replacedAt: Date = new Date();
}
