import { Injectable } from '@nestjs/common';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { Order } from '../entities/order.entity';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderTransition } from '../entities/supplier-order-transition.entity';
import { SupplierOrderFootprint } from '../entities/supplier-order-footprint.entity';
import type { SupplierOrderStatus } from '../lifecycle/supplier-order-state';
import { OrderAccess } from './order-access';
import { afterCursor, checkedPageSize, decodeOrderCursor, encodeOrderCursor } from './order-cursor';
import { AppError, UnitOfWork } from '@app/platform';

export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

/** The order lists: a buyer's orders, a producer's supplier orders, newest first, with their parts and lines. */
@Injectable()
export class OrderQueryService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly access: OrderAccess,
  ) {}

  async myOrders(user: AuthUser, first: number, after?: string | null): Promise<Page<Order>> {
    return this.page(Order, await this.access.buyerScope(user), first, after, ['supplierOrders.lines']);
  }

  async supplierOrders(
    user: AuthUser,
    producerId: string,
    status: SupplierOrderStatus | null | undefined,
    first: number,
    after?: string | null,
    deliveryDate?: string | null,
    deliveredSince?: Date | null,
  ): Promise<Page<SupplierOrder>> {
    if (deliveredSince && Number.isNaN(deliveredSince.getTime()))
      throw AppError.badInput('deliveredSince', 'Give an instant as an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z.');
    await this.policy.assertMember(user, producerId, { kinds: [OrganizationKind.PRODUCER] });
    return this.page(
      SupplierOrder,
      {
        producerId,
        ...(status ? { status } : {}),
        ...(deliveryDate ? { deliveryDate } : {}),
        ...(deliveredSince ? { deliveredAt: { $gte: deliveredSince } } : {}),
      },
      first,
      after,
      ['lines', 'order'],
    );
  }

  /** The status changes of these supplier orders, oldest first, grouped as the ids are given (a DataLoader batch). */
  async historyOf(supplierOrderIds: readonly string[]): Promise<SupplierOrderTransition[][]> {
    const rows = await this.unitOfWork.em.find(
      SupplierOrderTransition,
      { supplierOrderId: supplierOrderIds as string[] },
      { orderBy: { at: 'asc', id: 'asc' } },
    );
    return supplierOrderIds.map((id) => rows.filter((row) => row.supplierOrderId === id));
  }

  /** The earlier footprint estimates of these supplier orders, oldest first, grouped as the ids are given. */
  async footprintHistoryOf(supplierOrderIds: readonly string[]): Promise<SupplierOrderFootprint[][]> {
    const rows = await this.unitOfWork.em.find(
      SupplierOrderFootprint,
      { supplierOrderId: supplierOrderIds as string[] },
      { orderBy: { replacedAt: 'asc', id: 'asc' } },
    );
    return supplierOrderIds.map((id) => rows.filter((row) => row.supplierOrderId === id));
  }

  private async page<T extends Order | SupplierOrder>(
    entity: new () => T,
    scope: object,
    first: number,
    after: string | null | undefined,
    populate: string[],
  ): Promise<Page<T>> {
    const size = checkedPageSize(first);
    const em = this.unitOfWork.em;
    const where = after ? { $and: [scope, afterCursor(decodeOrderCursor(after))] } : scope;
    const rows = await em.find(entity, where as never, {
      orderBy: { createdAt: 'desc', id: 'desc' } as never,
      limit: size + 1,
      populate: populate as never,
    });
    const totalCount = await em.count(entity, scope as never);
    const items = rows.slice(0, size);
    return { items, cursors: items.map(encodeOrderCursor), hasNextPage: rows.length > size, totalCount };
  }
}
