import { Injectable } from '@nestjs/common';
import { type AuthUser, OrganizationService } from '@app/identity';
import { isUuid, UnitOfWork } from '@app/platform';
import { Order } from '../entities/order.entity';

/** What an order number can look like (it is at most 20 characters): anything else is not looked up. */
const ORDER_NUMBER = /^[0-9A-Z-]{1,20}$/;

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
    return isUuid(id) ? this.readable(user, { id }) : null;
  }

  /** The same, by the number its buyer reads in e-mails and on the order page (« 261206-P7RZCX »), any case. */
  async readableOrderByNumber(user: AuthUser, number: string): Promise<Order | null> {
    const wanted = number.trim().toUpperCase();
    return ORDER_NUMBER.test(wanted) ? this.readable(user, { number: wanted }) : null;
  }

  private async readable(user: AuthUser, key: { id: string } | { number: string }): Promise<Order | null> {
    const scope = user.isPlatformAdmin ? {} : await this.buyerScope(user);
    return this.unitOfWork.em.findOne(Order, { $and: [key, scope] }, { populate: ['supplierOrders.lines'] });
  }
}
