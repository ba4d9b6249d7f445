import { Injectable } from '@nestjs/common';
import { type AuthUser, type Organization, OrganizationKind, OrganizationService } from '@app/identity';
import { UnitOfWork } from '@app/platform';
import { SupplierOrder } from '../entities/supplier-order.entity';

/**
 * Who may read how to reach an organization (its phone and contact e-mail). A producer publishes its contact for
 * buyers: anyone. A business's is read by its members, platform admins, and the members of a producer it has ever
 * ordered from (any supplier order, cancelled too: the farm whose van cannot find the back door calls the kitchen);
 * anyone else reads null. Asked for a batch: a page of orders costs two queries, not one per row.
 */
@Injectable()
export class ContactVisibility {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly organizations: OrganizationService,
  ) {}

  /** For each organization, whether `user` may read its contact. */
  async readable(user: AuthUser | null, organizations: readonly Organization[]): Promise<boolean[]> {
    const businessIds = organizations.filter((org) => org.kind !== OrganizationKind.PRODUCER).map((org) => org.id);
    const businesses = businessIds.length ? await this.readableBusinesses(user, businessIds) : new Set<string>();
    return organizations.map((org) => org.kind === OrganizationKind.PRODUCER || businesses.has(org.id));
  }

  /** The businesses among `businessIds` whose contact `user` may read. */
  private async readableBusinesses(user: AuthUser | null, businessIds: readonly string[]): Promise<Set<string>> {
    if (!user) return new Set();
    if (user.isPlatformAdmin) return new Set(businessIds);
    const own = new Set((await this.organizations.membershipsOf([user.id])).map((m) => m.organization.id));
    const readable = new Set(businessIds.filter((id) => own.has(id)));
    const others = businessIds.filter((id) => !own.has(id));
    if (!others.length || !own.size) return readable;
    const traded = await this.unitOfWork.em
      .createQueryBuilder(SupplierOrder)
      .select('buyerOrganizationId', true)
      .where({ buyerOrganizationId: { $in: others }, producerId: { $in: [...own] } })
      .execute<{ buyerOrganizationId: string }[]>('all');
    for (const row of traded) readable.add(row.buyerOrganizationId);
    return readable;
  }
}
