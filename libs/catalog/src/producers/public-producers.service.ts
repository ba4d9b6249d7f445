import { Injectable } from '@nestjs/common';
import { AccessPolicy, type AuthUser, type Organization, OrganizationService } from '@app/identity';
import { byKeys, type GraphqlContext, requestLoader, UnitOfWork } from '@app/platform';
import { GazetteerService } from '@app/territory';
import { DeliveryMode } from '../entities/delivery-option.entity';
import { publicOrganization, showsExactPosition } from './public-position';

/** Producers as the catalog's public paths show them (a product's producer): see `public-position.ts`. */
@Injectable()
export class PublicProducers {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly organizations: OrganizationService,
    private readonly gazetteers: GazetteerService,
    private readonly policy: AccessPolicy,
  ) {}

  async byIds(ids: readonly string[]): Promise<Organization[]> {
    return this.shown(await this.organizations.findByIds(ids));
  }

  /**
   * Each organization as `viewer` may see it: as it is for its own members and platform admins, else as the public
   * sees it. For the paths that show a producer to people outside it (a brand's members, a brand's top producers, a
   * quoted cart); the parties of an order or an invoice see each other's address on purpose, through their own paths.
   */
  async forViewer(viewer: AuthUser | null, ids: readonly string[]): Promise<Organization[]> {
    const organizations = await this.organizations.findByIds(ids);
    if (!viewer) return this.shown(organizations);
    const own = await Promise.all(organizations.map((organization) => this.policy.isMember(viewer, organization.id)));
    const others = await this.shown(organizations.filter((_, index) => !own[index]));
    const shown = new Map(others.map((organization) => [organization.id, organization]));
    return organizations.map((organization) => shown.get(organization.id) ?? organization);
  }

  /** Each organization with the address the public may see (two queries for a batch, none when none is hidden). */
  async shown(organizations: Organization[]): Promise<Organization[]> {
    const candidates = organizations.filter((organization) => !showsExactPosition(organization.address, false));
    if (!candidates.length) return organizations;
    const ids = candidates.map((organization) => organization.id);
    const pickups = await this.unitOfWork.em.execute<{ producer_id: string }[]>(
      `select distinct producer_id from delivery_option where mode = ? and active = true and producer_id in (${ids.map(() => '?').join(', ')})`,
      [DeliveryMode.PICKUP, ...ids],
    );
    const onSite = new Set(pickups.map((pickup) => pickup.producer_id));
    const centres = await this.gazetteers.coordinatesOf(
      candidates
        .filter((organization) => !onSite.has(organization.id))
        .map((organization) => organization.address.inseeCode)
        .filter((code): code is string => !!code),
    );
    return organizations.map((organization) =>
      publicOrganization(
        organization,
        onSite.has(organization.id),
        organization.address.inseeCode ? centres.get(organization.address.inseeCode) : undefined,
      ),
    );
  }
}

/** The request's loader of a producer as the caller may see it (`PublicProducers.forViewer`). */
export const producerForViewerLoader = (context: GraphqlContext, producers: PublicProducers, viewer: AuthUser | null) =>
  requestLoader(context, 'producer-for-viewer-by-id', async (ids: readonly string[]) =>
    byKeys(ids, await producers.forViewer(viewer, ids), (organization) => organization.id),
  );

/** The request's loader of a product's producer as the public sees it; the read model primes it (PostgreSQL). */
export const publicProducerLoader = (context: GraphqlContext, producers: PublicProducers) =>
  requestLoader(context, 'public-producer-by-id', async (ids: readonly string[]) =>
    byKeys(ids, await producers.byIds(ids), (organization) => organization.id),
  );
