import type { EntityManager } from '@mikro-orm/sql';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderPaymentStatus } from './supplier-order-payment';
import { SupplierOrderStatus } from './supplier-order-state';

/**
 * What the payments context writes on supplier orders, in its own transaction (under the payment row's lock): a
 * verified card payment makes the order's parts still awaiting it PAID; money given back for a part makes it REFUNDED.
 */
export async function markCardPartsPaid(em: EntityManager, orderId: string): Promise<number> {
  return em.nativeUpdate(
    SupplierOrder,
    {
      order: orderId,
      paymentStatus: SupplierOrderPaymentStatus.AWAITING,
      status: { $ne: SupplierOrderStatus.CANCELLED },
    },
    { paymentStatus: SupplierOrderPaymentStatus.PAID },
  );
}

export async function markPartRefunded(em: EntityManager, supplierOrderId: string): Promise<number> {
  return em.nativeUpdate(
    SupplierOrder,
    { id: supplierOrderId, paymentStatus: { $ne: SupplierOrderPaymentStatus.REFUNDED } },
    { paymentStatus: SupplierOrderPaymentStatus.REFUNDED },
  );
}
