import type { EntityManager } from '@mikro-orm/sql';
import type { CarbonFootprint, LineFootprint } from '@app/carbon';
import { OrderLine } from '../entities/order-line.entity';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderStatus } from '../lifecycle/supplier-order-state';

/** An order line with its supplier order's context and its share of the footprint: what reports are made of. */
export interface PurchaseLine {
  orderId: string;
  orderNumber: string;
  orderedAt: Date;
  deliveredAt: Date | null;
  supplierOrderId: string;
  producerId: string;
  buyerOrganizationId: string | null;
  deliveryInseeCode: string | null;
  producerLocation: { latitude: number; longitude: number };
  deliveryLocation: { latitude: number; longitude: number };
  deliveryMode: string;
  roundId: string | null;
  productId: string;
  productName: string;
  category: string;
  unit: string;
  quantityThousandths: number;
  massKg: number;
  spendCents: number;
  brandIds: string[];
  /** The supplier order's footprint (distance, vehicle, scope, method version, factor ids). */
  footprint: CarbonFootprint;
  /** This line's share of it (allocated by mass), with its own baseline. */
  lineFootprint: LineFootprint;
}

export interface PurchaseLineFilter {
  buyerOrganizationId?: string;
  producerIds?: string[];
  /** [from, to) instants. */
  from: Date;
  to: Date;
  /** `delivered`: delivered supplier orders, by delivery date (CSR reports); `placed`: not cancelled, by order date. */
  basis: 'delivered' | 'placed';
}

const BATCH = 500;

/**
 * The lines, a batch of supplier orders at a time, in a stable order (keyset on date and id): memory stays flat
 * whatever the period. Pass the caller's `em` (a job's transaction on SQLite).
 */
export async function* purchaseLines(em: EntityManager, filter: PurchaseLineFilter): AsyncGenerator<PurchaseLine[]> {
  const { dateField, scope } = scopeOf(filter);
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const keyset = after ? { $or: [{ [dateField]: { $gt: after.at } }, { [dateField]: after.at, id: { $gt: after.id } }] } : {};
    const parts = await em.find(SupplierOrder, { $and: [scope, keyset] } as never, {
      populate: ['lines', 'order'] as never,
      orderBy: { [dateField]: 'asc', id: 'asc' } as never,
      limit: BATCH,
      // Read-only and not kept in the identity map: a year of orders passes through without piling up in memory.
      disableIdentityMap: true,
    });
    if (parts.length === 0) return;
    yield parts.flatMap(linesOf);
    const last = parts.at(-1)!;
    after = { at: (filter.basis === 'delivered' ? last.deliveredAt : last.createdAt)!, id: last.id };
    if (parts.length < BATCH) return;
  }
}

/** How many lines `purchaseLines` will yield: what an export's progress counts against. */
export function countPurchaseLines(em: EntityManager, filter: PurchaseLineFilter): Promise<number> {
  return em.count(OrderLine, { supplierOrder: scopeOf(filter).scope } as never);
}

function scopeOf(filter: PurchaseLineFilter) {
  const dateField = filter.basis === 'delivered' ? 'deliveredAt' : 'createdAt';
  const scope = {
    ...(filter.basis === 'delivered' ? { status: SupplierOrderStatus.DELIVERED } : { status: { $ne: SupplierOrderStatus.CANCELLED } }),
    [dateField]: { $gte: filter.from, $lt: filter.to },
    ...(filter.buyerOrganizationId ? { order: { buyerOrganizationId: filter.buyerOrganizationId } } : {}),
    ...(filter.producerIds ? { producerId: { $in: filter.producerIds } } : {}),
  };
  return { dateField, scope };
}

function linesOf(part: SupplierOrder): PurchaseLine[] {
  const lines = part.lines.getItems().sort((a, b) => a.position - b.position);
  return lines.map((line, index) => ({
    orderId: part.order.id,
    orderNumber: part.order.number,
    orderedAt: part.order.createdAt,
    deliveredAt: part.deliveredAt ?? null,
    supplierOrderId: part.id,
    producerId: part.producerId,
    buyerOrganizationId: part.order.buyerOrganizationId ?? null,
    deliveryInseeCode: part.order.deliveryAddress.inseeCode ?? null,
    producerLocation: part.producerLocation,
    deliveryLocation: part.deliveryLocation,
    deliveryMode: part.delivery.mode,
    roundId: part.roundId ?? null,
    productId: line.productId,
    productName: line.name,
    category: line.category,
    unit: line.unit,
    quantityThousandths: line.quantityThousandths,
    massKg: line.massKg,
    spendCents: line.totalCents,
    brandIds: line.brandIds,
    footprint: part.carbon,
    // The footprint's lines follow the order lines' positions (checkout computed them in that order).
    lineFootprint: part.carbon.lines[index],
  }));
}
