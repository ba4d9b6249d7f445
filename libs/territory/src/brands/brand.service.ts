import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  AccessPolicy,
  assertPlatformAdmin,
  type AuthUser,
  MediaService,
  OrganizationKind,
  OrganizationService,
} from '@app/identity';
import { AppError, AuditLog, conflictOnDuplicate, ErrorCode, isUuid, OutboxService, UnitOfWork } from '@app/platform';
import { BrandDecision, BrandDecisionSubject } from '../entities/brand-decision.entity';
import { BrandMembership, BrandMembershipStatus } from '../entities/brand-membership.entity';
import { Brand, BrandStatus } from '../entities/brand.entity';
import { GazetteerService } from '../gazetteer/gazetteer.service';
import { decisionTarget, mayApplyAgain } from './membership-state';

export interface CreateBrandValues {
  organizationId: string;
  name: string;
  slug: string;
  departmentCodes: string[];
  charter?: string | null;
}

/** What the brand's managers write on its public page (`updateBrandPage`); an absent field is left as it is. */
export interface BrandPageValues {
  charter?: string | null;
  territoryText?: string | null;
  /** One of the brand organization's own media (`POST /media`). */
  logoMediaId?: string | null;
  removeLogo?: boolean | null;
}

export const MAX_CHARTER_LENGTH = 20_000;
export const MAX_TERRITORY_TEXT_LENGTH = 5_000;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Published whenever a membership changes status, for whatever depends on it (the catalog's labels). */
export const BRAND_MEMBERSHIP_CHANGED = 'territory.brand-membership-changed';

export interface BrandMembershipChanged extends Record<string, unknown> {
  brandId: string;
  producerId: string;
  status: BrandMembershipStatus;
}

/** A producer applied (or applied again): the brand's managers are told by e-mail. */
export const BRAND_APPLICATION_RECEIVED = 'territory.brand-application-received';

export interface BrandApplicationReceived extends Record<string, unknown> {
  membershipId: string;
}

/** A platform admin verified the brand: its managers are told by e-mail. */
export const BRAND_VERIFIED = 'territory.brand-verified';

export interface BrandVerified extends Record<string, unknown> {
  brandId: string;
}

/** An unverified brand takes no decision: INVALID_STATE_TRANSITION with the reason BRAND_NOT_VERIFIED. */
export function assertBrandVerified(brand: Brand): void {
  if (brand.status !== BrandStatus.VERIFIED) {
    throw new AppError(
      ErrorCode.INVALID_STATE_TRANSITION,
      `${brand.name} is waiting for its verification by Ancrage; it decides on applications and labels once verified.`,
      { reason: 'BRAND_NOT_VERIFIED', brandId: brand.id },
    );
  }
}

/** Territory brands and the producers they admit. */
@Injectable()
export class BrandService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly gazetteers: GazetteerService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
    private readonly organizations: OrganizationService,
    private readonly media: MediaService,
  ) {}

  async create(user: AuthUser, input: CreateBrandValues): Promise<Brand> {
    await this.policy.assertMember(user, input.organizationId, { kinds: [OrganizationKind.BRAND] });
    const name = input.name.trim();
    if (!name || name.length > 120) throw AppError.badInput('name', 'The name must have between 1 and 120 characters.');
    const slug = input.slug.trim();
    if (!SLUG.test(slug) || slug.length > 80) {
      throw AppError.badInput(
        'slug',
        'The slug is lower-case letters and digits joined by hyphens, such as made-in-jura.',
      );
    }
    const departmentCodes = [...new Set(input.departmentCodes.map((code) => code.trim().toUpperCase()))].sort();
    if (departmentCodes.length === 0)
      throw AppError.badInput('departmentCodes', 'A brand covers at least one département.');
    const unknown = departmentCodes.filter((code) => !this.gazetteers.gazetteer.department(code));
    if (unknown.length) throw AppError.badInput('departmentCodes', `Unknown département code: ${unknown.join(', ')}.`);
    const charter = (input.charter ?? '').trim();
    if (charter.length > MAX_CHARTER_LENGTH)
      throw AppError.badInput('charter', 'The charter must not exceed 20,000 characters.');
    return this.unitOfWork
      .transactional(async (em) => {
        const brand = em.create(Brand, { organizationId: input.organizationId, name, slug, departmentCodes, charter });
        em.persist(brand);
        return brand;
      })
      .catch(conflictOnDuplicate(`The slug ${slug} is taken by another brand.`, { field: 'slug' }));
  }

  /** The BRAND organizations `user` belongs to (not the admin's bypass: an admin's public pages are everyone's). */
  private async ownOrganizationIds(user: AuthUser | null): Promise<string[]> {
    if (!user) return [];
    const memberships = await this.organizations.membershipsOf([user.id]);
    return memberships
      .filter((membership) => membership.organization.kind === OrganizationKind.BRAND)
      .map((membership) => membership.organization.id);
  }

  /** What `user` may see: the verified brands, and the unverified ones their own organization runs. */
  private async visibleTo(user: AuthUser | null): Promise<object> {
    const own = await this.ownOrganizationIds(user);
    return own.length
      ? { $or: [{ status: BrandStatus.VERIFIED }, { organizationId: own }] }
      : { status: BrandStatus.VERIFIED };
  }

  async list(user: AuthUser | null = null): Promise<Brand[]> {
    return this.unitOfWork.em.find(Brand, await this.visibleTo(user), { orderBy: { name: 'asc' } });
  }

  async bySlug(slug: string, user: AuthUser | null = null): Promise<Brand | null> {
    return this.unitOfWork.em.findOne(Brand, { $and: [{ slug }, await this.visibleTo(user)] });
  }

  /** Platform admins: the brands with this status (the ones waiting for verification first), oldest first. */
  adminBrands(admin: AuthUser, status?: BrandStatus | null): Promise<Brand[]> {
    assertPlatformAdmin(admin, 'The list of brands to verify');
    return this.unitOfWork.em.find(Brand, status ? { status } : {}, { orderBy: { createdAt: 'asc' } });
  }

  /** A platform admin has checked who runs the brand: it is shown publicly and may decide from now on. */
  async verify(admin: AuthUser, id: string): Promise<Brand> {
    assertPlatformAdmin(admin, 'Verifying a brand');
    const [brand] = await this.findByIds([id]);
    if (!brand) throw AppError.notFound('Brand');
    if (brand.status === BrandStatus.VERIFIED)
      throw new AppError(ErrorCode.INVALID_STATE_TRANSITION, `${brand.name} is already verified.`);
    return this.unitOfWork.transactional(async (em) => {
      const verifiedAt = new Date();
      const changed = await em.nativeUpdate(
        Brand,
        { id, status: BrandStatus.PENDING_VERIFICATION },
        { status: BrandStatus.VERIFIED, verifiedAt, verifiedById: admin.id },
      );
      if (changed === 0) throw new AppError(ErrorCode.INVALID_STATE_TRANSITION, `${brand.name} is already verified.`);
      this.audit.record(em, {
        actorId: admin.id,
        action: 'brand.verified',
        targetType: 'Brand',
        targetId: id,
        details: { name: brand.name, slug: brand.slug, organizationId: brand.organizationId },
      });
      this.outbox.enqueue<BrandVerified>(em, BRAND_VERIFIED, { brandId: id });
      return em.findOneOrFail(Brand, id, { refresh: true });
    });
  }

  /**
   * The brand's managers (members of its organization) write its public page: charter, territory text, logo. A brand
   * the caller may not see is NOT_FOUND; one it sees but does not run is FORBIDDEN; bad input changes nothing.
   */
  async updatePage(user: AuthUser, id: string, input: BrandPageValues): Promise<Brand> {
    const brand = isUuid(id)
      ? await this.unitOfWork.em.findOne(Brand, { $and: [{ id }, await this.visibleTo(user)] })
      : null;
    if (!brand) throw AppError.notFound('Brand');
    if (!(await this.runsBrand(user, brand)))
      throw new AppError(ErrorCode.FORBIDDEN, `Only the team of ${brand.name} writes its page.`);
    const changes: Partial<Pick<Brand, 'charter' | 'territoryText' | 'logoMediaId'>> = {};
    if (input.charter != null) {
      const charter = input.charter.trim();
      if (!charter) throw AppError.badInput('charter', 'The charter says what the label promises: it cannot be empty.');
      if (charter.length > MAX_CHARTER_LENGTH)
        throw AppError.badInput('charter', 'The charter must not exceed 20,000 characters.');
      changes.charter = charter;
    }
    if (input.territoryText != null) {
      const text = input.territoryText.trim();
      if (text.length > MAX_TERRITORY_TEXT_LENGTH)
        throw AppError.badInput('territoryText', 'The territory text must not exceed 5,000 characters.');
      changes.territoryText = text || null;
    }
    if (input.logoMediaId != null && input.removeLogo)
      throw AppError.badInput('logoMediaId', 'Either give a new logo or remove it, not both.');
    if (input.logoMediaId != null)
      changes.logoMediaId = (await this.media.ownedBy(input.logoMediaId, brand.organizationId, 'logoMediaId')).id;
    if (input.removeLogo) changes.logoMediaId = null;
    return this.unitOfWork.transactional(async (em) => {
      if (Object.keys(changes).length) await em.nativeUpdate(Brand, { id: brand.id }, changes);
      return em.findOneOrFail(Brand, brand.id, { refresh: true });
    });
  }

  /** Every decision of the brand (memberships and labels), oldest first: what its monthly figures replay. */
  decisionsOf(brandId: string): Promise<BrandDecision[]> {
    return this.unitOfWork.em.find(BrandDecision, { brandId }, { orderBy: { decidedAt: 'asc', id: 'asc' } });
  }

  findByIds(ids: readonly string[]): Promise<Brand[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? this.unitOfWork.em.find(Brand, { id: wanted }) : Promise.resolve([]);
  }

  /** Only a producer located in one of the brand's départements may apply; a refused one may apply again. */
  async apply(user: AuthUser, brandId: string, producerId: string, message?: string | null): Promise<BrandMembership> {
    const producer = await this.policy.assertMember(user, producerId, { kinds: [OrganizationKind.PRODUCER] });
    const [brand] = await this.findByIds([brandId]);
    if (!brand) throw AppError.notFound('Brand');
    const department = producer.address.departmentCode;
    if (!department || !brand.departmentCodes.includes(department)) {
      throw AppError.badInput(
        'producerId',
        `${brand.name} admits producers of ${this.departmentNames(brand.departmentCodes)}; ${producer.name} is in ${this.departmentNames([department ?? '?'])}.`,
      );
    }
    return this.unitOfWork
      .transactional(async (em) => {
        const existing = await em.findOne(BrandMembership, { brand: brand.id, producerId });
        if (existing && !mayApplyAgain(existing.status)) {
          throw new AppError(
            ErrorCode.CONFLICT,
            `${producer.name} has already applied to ${brand.name} (${existing.status.toLowerCase()}).`,
          );
        }
        const membership = existing ?? em.create(BrandMembership, { brand, producerId });
        Object.assign(membership, {
          status: BrandMembershipStatus.PENDING,
          message: message?.trim() || undefined,
          reason: null,
          decidedAt: null,
          decidedById: null,
        });
        em.persist(membership);
        if (existing) this.announce(em, brand.id, producerId, BrandMembershipStatus.PENDING);
        this.outbox.enqueue<BrandApplicationReceived>(em, BRAND_APPLICATION_RECEIVED, { membershipId: membership.id });
        return membership;
      })
      .catch(conflictOnDuplicate(`${producer.name} has just applied to ${brand.name} in another request.`));
  }

  /** Approve or reject an application, or revoke a membership (approve = false); refusals need a reason. */
  async decideMembership(
    user: AuthUser,
    id: string,
    approve: boolean,
    reason?: string | null,
  ): Promise<BrandMembership> {
    const membership = isUuid(id)
      ? await this.unitOfWork.em.findOne(BrandMembership, id, { populate: ['brand'] })
      : null;
    if (!membership) throw AppError.notFound('Brand membership');
    await this.policy.assertMember(user, membership.brand.organizationId, { kinds: [OrganizationKind.BRAND] });
    assertBrandVerified(membership.brand);
    const target = decisionTarget(membership.status, approve);
    if (!target) {
      throw new AppError(
        ErrorCode.INVALID_STATE_TRANSITION,
        `A ${membership.status.toLowerCase()} membership cannot be ${approve ? 'approved' : 'rejected'}.`,
      );
    }
    const why = reason?.trim() || undefined;
    if (!approve && !why) throw AppError.badInput('reason', 'Say why: the producer reads it.');
    return this.unitOfWork.transactional(async (em) => {
      const decidedAt = new Date();
      const changed = await em.nativeUpdate(
        BrandMembership,
        { id, status: membership.status },
        { status: target, reason: why ?? null, decidedAt, decidedById: user.id },
      );
      if (changed === 0)
        throw new AppError(ErrorCode.CONFLICT, 'Someone decided on this membership at the same moment; reload it.');
      em.persist(
        em.create(BrandDecision, {
          brandId: membership.brand.id,
          subject: BrandDecisionSubject.MEMBERSHIP,
          subjectId: id,
          fromStatus: membership.status,
          toStatus: target,
          reason: why,
          decidedById: user.id,
          decidedAt,
        }),
      );
      this.announce(em, membership.brand.id, membership.producerId, target);
      return em.findOneOrFail(BrandMembership, id, { populate: ['brand'], refresh: true });
    });
  }

  /** The memberships of these brands with one of these statuses, in one query. */
  /**
   * A producer's applications to brands, whatever their status, newest first: to its members (and platform admins)
   * only, who read there the brand's answer and its reason.
   */
  async applicationsOf(user: AuthUser | null, producerId: string): Promise<BrandMembership[]> {
    if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to see a producer’s brand applications.');
    if (!(await this.policy.isMember(user, producerId))) {
      throw new AppError(ErrorCode.FORBIDDEN, "Only the producer's members see its brand applications.");
    }
    return this.unitOfWork.em.find(BrandMembership, { producerId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  membershipsOf(brandIds: readonly string[], statuses: BrandMembershipStatus[]): Promise<BrandMembership[]> {
    return this.unitOfWork.em.find(
      BrandMembership,
      { brand: brandIds as string[], status: statuses },
      { orderBy: { createdAt: 'asc' } },
    );
  }

  /** The status of a producer's membership of a brand, if it applied, read in the current unit of work. */
  async membershipStatus(brandId: string, producerId: string): Promise<BrandMembershipStatus | undefined> {
    if (!isUuid(brandId) || !isUuid(producerId)) return undefined;
    return (await this.unitOfWork.em.findOne(BrandMembership, { brand: brandId, producerId }))?.status;
  }

  private announce(em: EntityManager, brandId: string, producerId: string, status: BrandMembershipStatus): void {
    this.outbox.enqueue<BrandMembershipChanged>(em, BRAND_MEMBERSHIP_CHANGED, { brandId, producerId, status });
  }

  /** Whether `user` runs the brand (a member of its organization, or a platform admin). */
  runsBrand(user: AuthUser | null, brand: Brand): Promise<boolean> {
    return user ? this.policy.isMember(user, brand.organizationId) : Promise.resolve(false);
  }

  private departmentNames(codes: string[]): string {
    return codes.map((code) => `${this.gazetteers.gazetteer.department(code)?.name ?? code} (${code})`).join(', ');
  }
}
