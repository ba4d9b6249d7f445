import type { EntityManager } from '@mikro-orm/sql';
import type { PaymentMethod } from '../entities/order.entity';
import type { SupplierOrderStatus } from '../lifecycle/supplier-order-state';
import { SupplierOrder } from '../entities/supplier-order.entity';
import type { TaxedAmount, VatRateTotal } from '../money';

/** A supplier order as other contexts read it (to invoice it, to pay its producer): plain values, no entities. */
export interface SupplierOrderSnapshot {
  supplierOrderId: string;
  orderId: string;
  orderNumber: string;
  producerId: string;
  status: SupplierOrderStatus;
  buyerUserId: string;
  buyerOrganizationId: string | null;
  paymentMethod: PaymentMethod;
  deliveryAddress: { line1: string; postalCode: string; city: string };
  deliveredAt: Date | null;
  lines: {
    name: string;
    unit: 'KG' | 'PIECE' | 'LITRE';
    quantityThousandths: number;
    unitPriceCents: number;
    vatRateBasisPoints: number;
    totalCents: number;
  }[];
  /** The delivery fee, split across the goods' VAT rates. */
  feeByRate: TaxedAmount[];
  vatByRate: VatRateTotal[];
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
}

/** Reads it with the caller's `em` (a job handler's transaction). */
export async function supplierOrderSnapshot(
  em: EntityManager,
  supplierOrderId: string,
): Promise<SupplierOrderSnapshot | null> {
  const part = await em.findOne(SupplierOrder, supplierOrderId, { populate: ['lines', 'order'] });
  return part ? snapshotOf(part) : null;
}

/** Every supplier order of an order, in a stable order (by producer). */
export async function orderSnapshots(em: EntityManager, orderId: string): Promise<SupplierOrderSnapshot[]> {
  const parts = await em.find(
    SupplierOrder,
    { order: orderId },
    { populate: ['lines', 'order'], orderBy: { producerId: 'asc' } },
  );
  return parts.map(snapshotOf);
}

function snapshotOf(part: SupplierOrder): SupplierOrderSnapshot {
  const { order } = part;
  return {
    supplierOrderId: part.id,
    orderId: order.id,
    orderNumber: order.number,
    producerId: part.producerId,
    status: part.status,
    buyerUserId: order.buyerUserId,
    buyerOrganizationId: order.buyerOrganizationId ?? null,
    paymentMethod: order.paymentMethod,
    deliveryAddress: {
      line1: order.deliveryAddress.line1,
      postalCode: order.deliveryAddress.postalCode,
      city: order.deliveryAddress.city ?? '',
    },
    deliveredAt: part.deliveredAt ?? null,
    lines: part.lines
      .getItems()
      .map(({ name, unit, quantityThousandths, unitPriceCents, vatRateBasisPoints, totalCents }) => ({
        name,
        unit,
        quantityThousandths,
        unitPriceCents,
        vatRateBasisPoints,
        totalCents,
      })),
    feeByRate: part.feeByRate,
    vatByRate: part.vatByRate,
    subtotalCents: part.subtotalCents,
    vatCents: part.vatCents,
    totalCents: part.totalCents,
  };
}
