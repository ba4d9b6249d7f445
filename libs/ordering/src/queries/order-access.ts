import { Injectable } from '@nestjs/common';
import { type AuthUser, OrganizationService } from '@app/identity';
import { isUuid, UnitOfWork } from '@app/platform';
import { Order } from '../entities/order.entity';

/**
 * Who may read an order: the person who placed it and the members of the business it was placed for (a
 * restaurant's staff follow its orders). Producers read only their own parts, through `supplierOrders`.
 */
@Injectable()
export class OrderAccess {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly organizations: OrganizationService,
  ) {}

  /** The organizations whose orders `user` follows as a buyer. */
  async buyerOrganizationIds(user: AuthUser): Promise<string[]> {
    return (await this.organizations.membershipsOf([user.id])).map((membership) => membership.organization.id);
  }

  /** The buyer-side filter of orders `user` may read. */
  async buyerScope(user: AuthUser): Promise<object> {
    const organizationIds = await this.buyerOrganizationIds(user);
    return organizationIds.length
      ? { $or: [{ buyerUserId: user.id }, { buyerOrganizationId: { $in: organizationIds } }] }
      : { buyerUserId: user.id };
  }

  async readableOrder(user: AuthUser, id: string): Promise<Order | null> {
    if (!isUuid(id)) return null;
    const scope = user.isPlatformAdmin ? {} : await this.buyerScope(user);
    return this.unitOfWork.em.findOne(Order, { $and: [{ id }, scope] }, { populate: ['supplierOrders.lines'] });
  }
}
