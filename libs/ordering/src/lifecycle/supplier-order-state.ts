/**
 * The life of a supplier order (PRODUCT.md §2 "Orders"), as a pure table: PLACED → CONFIRMED → READY → SHIPPED →
 * DELIVERED, and CANCELLED from any state before SHIPPED. The producer moves its own supplier orders; the buyer may
 * only cancel, and only before the producer confirmed.
 */
export enum SupplierOrderStatus {
  PLACED = 'PLACED',
  CONFIRMED = 'CONFIRMED',
  READY = 'READY',
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
}

export type SupplierOrderActor = 'PRODUCER' | 'BUYER';

const NEXT_STEP: Readonly<Partial<Record<SupplierOrderStatus, SupplierOrderStatus>>> = {
  [SupplierOrderStatus.PLACED]: SupplierOrderStatus.CONFIRMED,
  [SupplierOrderStatus.CONFIRMED]: SupplierOrderStatus.READY,
  [SupplierOrderStatus.READY]: SupplierOrderStatus.SHIPPED,
  [SupplierOrderStatus.SHIPPED]: SupplierOrderStatus.DELIVERED,
};

const CANCELLABLE_BY: Readonly<Record<SupplierOrderActor, ReadonlySet<SupplierOrderStatus>>> = {
  PRODUCER: new Set([SupplierOrderStatus.PLACED, SupplierOrderStatus.CONFIRMED, SupplierOrderStatus.READY]),
  BUYER: new Set([SupplierOrderStatus.PLACED]),
};

/** Whether `actor` may move a supplier order from `from` to `to`. */
export function canTransition(from: SupplierOrderStatus, to: SupplierOrderStatus, actor: SupplierOrderActor): boolean {
  if (to === SupplierOrderStatus.CANCELLED) return CANCELLABLE_BY[actor].has(from);
  return actor === 'PRODUCER' && NEXT_STEP[from] === to;
}

/** Stock goes back to the shelf when a supplier order is cancelled: it was taken at placement. */
export const restoresStock = (to: SupplierOrderStatus): boolean => to === SupplierOrderStatus.CANCELLED;

export enum OrderStatus {
  /** No producer has started on it. */
  PLACED = 'PLACED',
  /** At least one producer is on it, not every part delivered. */
  IN_PROGRESS = 'IN_PROGRESS',
  /** Every part not cancelled is delivered. */
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
}

/** An order's status, read from its supplier orders'. */
export function orderStatusOf(parts: readonly SupplierOrderStatus[]): OrderStatus {
  const live = parts.filter((status) => status !== SupplierOrderStatus.CANCELLED);
  if (live.length === 0) return OrderStatus.CANCELLED;
  if (live.every((status) => status === SupplierOrderStatus.DELIVERED)) return OrderStatus.DELIVERED;
  if (live.every((status) => status === SupplierOrderStatus.PLACED)) return OrderStatus.PLACED;
  return OrderStatus.IN_PROGRESS;
}

/**
 * The parts an order's totals and footprint count: those not cancelled; when every part is cancelled, all of them
 * (a cancelled order keeps the record of what was ordered).
 */
export function countedParts<Part extends { status: SupplierOrderStatus }>(parts: readonly Part[]): Part[] {
  const live = parts.filter((part) => part.status !== SupplierOrderStatus.CANCELLED);
  return live.length ? live : [...parts];
}
