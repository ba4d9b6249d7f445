import { Injectable } from '@nestjs/common';
import { greatCircleKm } from '@app/carbon';
import { GeoPrecision, isSlug, Organization, OrganizationKind } from '@app/identity';
import { AppError, isUuid, UnitOfWork } from '@app/platform';
import { BrandService, GazetteerService, normalizeName } from '@app/territory';
import { DeliveryMode } from '../entities/delivery-option.entity';
import { coarsePosition, showsExactPosition } from './public-position';

/** A producer as the public sees it: never its members, bank state, nor its street address unless it sells on site. */
export interface PublicProducer {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  logoMediaId: string | null;
  city: string | null;
  postalCode: string;
  departmentCode: string | null;
  sellsOnSite: boolean;
  streetAddress: string | null;
  latitude: number | null;
  longitude: number | null;
  /** How to reach it: a producer publishes its phone (E.164) and contact e-mail for its buyers. */
  phone: string | null;
  contactEmail: string | null;
  distanceKm?: number;
}

export interface ProducerFilterValues {
  text?: string | null;
  brandSlug?: string | null;
  near?: { latitude: number; longitude: number; radiusKm: number } | null;
}

export interface ProducerPage {
  producers: PublicProducer[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

const MAX_RADIUS_KM = 300;

/**
 * The producers' directory and public profiles. The directory reads the producers (a few thousand at most per
 * platform) with the filters SQL can apply, then filters the text, measures distances and pages in memory, by name or
 * by distance, with a keyset cursor of the sort value and the id.
 */
@Injectable()
export class ProducerDirectoryService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly brands: BrandService,
    private readonly gazetteers: GazetteerService,
  ) {}

  async bySlug(slug: string): Promise<PublicProducer | null> {
    if (!isSlug(slug)) return null;
    const organization = await this.unitOfWork.em.findOne(Organization, { slug, kind: OrganizationKind.PRODUCER });
    return organization ? (await this.publicProfiles([organization]))[0] : null;
  }

  async byIds(ids: readonly string[]): Promise<PublicProducer[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    if (!wanted.length) return [];
    return this.publicProfiles(
      await this.unitOfWork.em.find(Organization, { id: wanted, kind: OrganizationKind.PRODUCER }),
    );
  }

  async search(filter: ProducerFilterValues, first: number, after?: string | null): Promise<ProducerPage> {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw AppError.badInput('first', 'first must be between 1 and 100.');
    const near = filter.near ? checkedNear(filter.near) : undefined;
    const cursor = after ? decodeProducerCursor(after, near ? 'DISTANCE' : 'NAME') : undefined;
    const em = this.unitOfWork.em;
    const where: Record<string, unknown> = { kind: OrganizationKind.PRODUCER };
    if (filter.brandSlug) {
      const brand = (await this.brands.list()).find((candidate) => candidate.slug === filter.brandSlug);
      if (!brand) return { producers: [], cursors: [], hasNextPage: false, totalCount: 0 };
      const members = await em.execute<{ producer_id: string }[]>(
        "select producer_id from brand_membership where brand_id = ? and status = 'APPROVED'",
        [brand.id],
      );
      where.id = members.map((member) => member.producer_id);
    }
    let candidates = await em.find(Organization, where);
    const words = filter.text ? normalizeName(filter.text).split(' ').filter(Boolean) : [];
    if (words.length) {
      candidates = candidates.filter((organization) => {
        const haystack = ` ${normalizeName(`${organization.name} ${organization.address.city ?? ''} ${organization.description ?? ''}`)} `;
        return words.every((word) => haystack.includes(word));
      });
    }
    let profiles = await this.publicProfiles(candidates);
    if (near) {
      profiles = profiles
        .filter((profile) => profile.latitude !== null && profile.longitude !== null)
        .map((profile) => ({
          ...profile,
          distanceKm:
            Math.round(greatCircleKm(near, { latitude: profile.latitude!, longitude: profile.longitude! }) * 10) / 10,
        }))
        .filter((profile) => profile.distanceKm <= near.radiusKm);
    }
    const key = (profile: PublicProducer): string | number =>
      near ? profile.distanceKm! : normalizeName(profile.name);
    const compare = (a: PublicProducer, b: PublicProducer) =>
      compareKeys(key(a), key(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    profiles.sort(compare);
    const start = cursor
      ? profiles.findIndex(
          (profile) =>
            compareKeys(key(profile), cursor.value) > 0 ||
            (compareKeys(key(profile), cursor.value) === 0 && profile.id > cursor.id),
        )
      : 0;
    const slice = start < 0 ? [] : profiles.slice(start, start + first + 1);
    const shown = slice.slice(0, first);
    return {
      producers: shown,
      cursors: shown.map((profile) => encodeProducerCursor(near ? 'DISTANCE' : 'NAME', key(profile), profile.id)),
      hasNextPage: slice.length > first,
      totalCount: profiles.length,
    };
  }

  /** What the public may see of these producers, with the position it may see. */
  private async publicProfiles(organizations: Organization[]): Promise<PublicProducer[]> {
    if (!organizations.length) return [];
    const ids = organizations.map((organization) => organization.id);
    const em = this.unitOfWork.em;
    const pickups = await em.execute<{ producer_id: string }[]>(
      `select distinct producer_id from delivery_option where mode = ? and active = true and producer_id in (${ids.map(() => '?').join(', ')})`,
      [DeliveryMode.PICKUP, ...ids],
    );
    const onSite = new Set(pickups.map((pickup) => pickup.producer_id));
    const exactOffSite = organizations.filter(
      (organization) => !onSite.has(organization.id) && organization.address.precision === GeoPrecision.ADDRESS,
    );
    const centres = await this.gazetteers.coordinatesOf(
      exactOffSite.map((organization) => organization.address.inseeCode).filter((code): code is string => !!code),
    );
    return organizations.map((organization) => {
      const { address } = organization;
      const sellsOnSite = onSite.has(organization.id);
      let latitude = address.latitude ?? null;
      let longitude = address.longitude ?? null;
      if (!showsExactPosition(address, sellsOnSite))
        ({ latitude, longitude } = coarsePosition(
          address,
          address.inseeCode ? centres.get(address.inseeCode) : undefined,
        ));
      return {
        id: organization.id,
        slug: organization.slug,
        name: organization.name,
        description: organization.description ?? null,
        logoMediaId: organization.logoMediaId ?? null,
        city: address.city ?? null,
        postalCode: address.postalCode,
        departmentCode: address.departmentCode ?? null,
        sellsOnSite,
        streetAddress: sellsOnSite ? address.line1 : null,
        latitude,
        longitude,
        phone: organization.phone ?? null,
        contactEmail: organization.contactEmail ?? null,
      };
    });
  }
}

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function checkedNear(near: { latitude: number; longitude: number; radiusKm: number }) {
  if (!Number.isFinite(near.latitude) || Math.abs(near.latitude) > 90)
    throw AppError.badInput('filter.near.latitude', 'The latitude is between -90 and 90.');
  if (!Number.isFinite(near.longitude) || Math.abs(near.longitude) > 180)
    throw AppError.badInput('filter.near.longitude', 'The longitude is between -180 and 180.');
  if (!Number.isFinite(near.radiusKm) || near.radiusKm <= 0 || near.radiusKm > MAX_RADIUS_KM) {
    throw AppError.badInput('filter.near.radiusKm', `The radius is more than 0 and at most ${MAX_RADIUS_KM} km.`);
  }
  return near;
}

type ProducerSort = 'NAME' | 'DISTANCE';

function encodeProducerCursor(sort: ProducerSort, value: string | number, id: string): string {
  return Buffer.from(JSON.stringify(['P', sort, value, id])).toString('base64url');
}

function decodeProducerCursor(after: string, sort: ProducerSort): { value: string | number; id: string } {
  try {
    const [tag, cursorSort, value, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [
      string,
      ProducerSort,
      string | number,
      string,
    ];
    if (
      tag === 'P' &&
      cursorSort === sort &&
      (typeof value === 'string' || typeof value === 'number') &&
      typeof id === 'string'
    )
      return { value, id };
  } catch {
    // falls through to the error below
  }
  throw AppError.badInput('after', 'This cursor does not belong to this listing; start again without it.');
}
