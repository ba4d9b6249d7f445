import { Inject, Injectable, Optional } from '@nestjs/common';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError, AuditLog, isUuid, OutboxService, UnitOfWork } from '@app/platform';
import type { AuthUser } from '../auth/auth-user';
import { Membership, MembershipRole } from '../entities/membership.entity';
import { Organization, OrganizationKind } from '../entities/organization.entity';
import { User } from '../entities/user.entity';
import { MediaService } from '../media/media.service';
import { AccessPolicy } from './access-policy.service';
import {
  ADDRESS_RESOLVER,
  type AddressInputValues,
  type AddressResolver,
  AsGivenAddressResolver,
} from './address-input';
import { ibanProblem, isValidBic, normalizeBic, normalizeIban } from './bank-account';
import { checkedContact } from './contact-details';
import { frenchVatNumber, isValidSiret, normalizeSiret } from './siret';
import { freeSlug, isSlug } from './slug';

export interface CreateOrganizationValues {
  kind: OrganizationKind;
  name: string;
  siret?: string | null;
  address: AddressInputValues;
}

export interface UpdateOrganizationValues {
  name?: string | null;
  description?: string | null;
  address?: AddressInputValues | null;
  logoMediaId?: string | null;
  removeLogo?: boolean | null;
  iban?: string | null;
  bic?: string | null;
  phone?: string | null;
  contactEmail?: string | null;
}

/** The bank details an update asks for: undefined left as they are, null removed (an empty string typed). */
interface BankAccountChange {
  iban?: string | null;
  bic?: string | null;
}

/** The update's IBAN and BIC normalised and checked, before anything is read or written; null when it names neither. */
function checkedBankAccount(input: UpdateOrganizationValues): BankAccountChange | null {
  if (input.iban == null && input.bic == null) return null;
  const change: BankAccountChange = {};
  if (input.iban != null) {
    const iban = normalizeIban(input.iban);
    if (iban) {
      const problem = ibanProblem(iban);
      if (problem) throw AppError.badInput('iban', problem);
    }
    change.iban = iban || null;
  }
  if (input.bic != null) {
    const bic = normalizeBic(input.bic);
    if (bic && !isValidBic(bic))
      throw AppError.badInput(
        'bic',
        'A BIC has 8 or 11 characters: bank (4 letters), country (2 letters), place (2), branch (3, optional).',
      );
    change.bic = bic || null;
  }
  return change;
}

/** Announced when an organization's address (and so its coordinates) changed: the catalog moves its copy. */
export const ORGANIZATION_MOVED = 'identity.organization-moved';
export interface OrganizationMoved extends Record<string, unknown> {
  organizationId: string;
}

/** A new organization claims a SIRET: its SIRENE lookup runs as a job (OrganizationVerificationService). */
export const ORGANIZATION_CLAIMED = 'identity.organization-claimed';
export interface OrganizationClaimed extends Record<string, unknown> {
  organizationId: string;
}

const DESCRIPTION_MAX_LENGTH = 3000;

const KINDS_REQUIRING_SIRET = new Set([OrganizationKind.PRODUCER, OrganizationKind.BUSINESS]);

@Injectable()
export class OrganizationService {
  private readonly addresses: AddressResolver;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly media: MediaService,
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
    /** Provided by the territory context (the gazetteer); without it, addresses are kept as given. */
    @Optional() @Inject(ADDRESS_RESOLVER) addressResolver?: AddressResolver,
  ) {
    this.addresses = addressResolver ?? new AsGivenAddressResolver();
  }

  /**
   * Creates the organization with its creator as OWNER, UNVERIFIED until a platform admin decides (issue #20 item 5).
   * A SIRET already claimed by another organization is accepted: the first to type it must not block the company.
   */
  async create(user: AuthUser, input: CreateOrganizationValues): Promise<Organization> {
    const name = input.name.trim();
    if (!name || name.length > 200) throw AppError.badInput('name', 'The name must have between 1 and 200 characters.');
    const siret = this.checkedSiret(input.kind, input.siret);
    const address = await this.addresses.resolve(input.address, 'address');
    // Two organizations of the same name created at once: the second's slug collides, and it takes the next one.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.unitOfWork.transactional(async (em) => {
          const organization = em.create(Organization, {
            kind: input.kind,
            name,
            slug: await this.freeSlugFor(em, name),
            siret,
            vatNumber: siret ? frenchVatNumber(siret) : undefined,
            address,
          });
          em.persist(organization);
          em.persist(
            em.create(Membership, { user: em.getReference(User, user.id), organization, role: MembershipRole.OWNER }),
          );
          this.audit.record(em, {
            actorId: user.id,
            action: 'membership.granted',
            targetType: 'Organization',
            targetId: organization.id,
            reason: 'created the organization',
            details: { userId: user.id, email: user.email, role: MembershipRole.OWNER, organizationName: name },
          });
          // Issue #20 item 5: it is UNVERIFIED; its SIRET is looked up in SIRENE for the admin who will decide. Another
          // organization may already claim the same SIRET: verification, not the first to type it, settles which.
          if (siret)
            this.outbox.enqueue<OrganizationClaimed>(em, ORGANIZATION_CLAIMED, { organizationId: organization.id });
          return organization;
        });
      } catch (error) {
        if (
          error instanceof UniqueConstraintViolationException &&
          error.message.includes('organization_slug_unique') &&
          attempt < 5
        )
          continue;
        throw error;
      }
    }
  }

  /**
   * Changes what an owner may change: name, public description, logo (one of its own media), address (resolved
   * again: new coordinates and precision), bank details, phone and contact e-mail. The SIRET never changes, and
   * neither does the slug (its links stay valid).
   */
  async update(user: AuthUser, id: string, input: UpdateOrganizationValues): Promise<Organization> {
    await this.policy.assertOwner(user, id);
    const name = input.name == null ? undefined : input.name.trim();
    if (name !== undefined && (!name || name.length > 200))
      throw AppError.badInput('name', 'The name must have between 1 and 200 characters.');
    const description = input.description == null ? undefined : input.description.trim();
    if (description !== undefined && description.length > DESCRIPTION_MAX_LENGTH) {
      throw AppError.badInput('description', `The description must have at most ${DESCRIPTION_MAX_LENGTH} characters.`);
    }
    if (input.logoMediaId != null && input.removeLogo)
      throw AppError.badInput('removeLogo', 'Give a new logo or remove it, not both.');
    const bankAccount = checkedBankAccount(input);
    const contact = checkedContact(input);
    const address = input.address ? await this.addresses.resolve(input.address, 'address') : undefined;
    return this.unitOfWork.transactional(async (em) => {
      const organization = await em.findOneOrFail(Organization, id);
      if (bankAccount) this.changeBankAccount(em, user, organization, bankAccount);
      if (contact.phone !== undefined) organization.phone = contact.phone;
      if (contact.contactEmail !== undefined) organization.contactEmail = contact.contactEmail;
      if (input.logoMediaId != null)
        organization.logoMediaId = (await this.media.ownedBy(input.logoMediaId, organization.id, 'logoMediaId')).id;
      if (input.removeLogo) organization.logoMediaId = null;
      if (name !== undefined) organization.name = name;
      if (description !== undefined) organization.description = description || null;
      if (address) {
        organization.address = address;
        this.outbox.enqueue<OrganizationMoved>(em, ORGANIZATION_MOVED, { organizationId: organization.id });
      }
      return organization;
    });
  }

  /**
   * Its bank details for transfers: a producer's only (its buyers pay its invoices to it), a BIC only beside an IBAN.
   * Recorded in the audit log, last four characters only: a changed IBAN is where an invoice fraud starts.
   */
  private changeBankAccount(
    em: EntityManager,
    user: AuthUser,
    organization: Organization,
    change: BankAccountChange,
  ): void {
    if (organization.kind !== OrganizationKind.PRODUCER)
      throw AppError.badInput('iban', "Only a producer's bank details are kept: its buyers pay it by transfer.");
    const iban = change.iban === undefined ? organization.iban : change.iban;
    const bic = change.iban !== undefined && change.bic === undefined ? null : (change.bic ?? organization.bic);
    if (bic && !iban) throw AppError.badInput('iban', 'A BIC needs an IBAN: give the IBAN of the account.');
    if (iban === (organization.iban ?? null) && (bic ?? null) === (organization.bic ?? null)) return;
    organization.iban = iban ?? null;
    organization.bic = iban ? (bic ?? null) : null;
    this.audit.record(em, {
      actorId: user.id,
      action: 'organization.bank-account-changed',
      targetType: 'Organization',
      targetId: organization.id,
      details: { ibanEnd: organization.iban?.slice(-4) ?? null, bic: organization.bic },
    });
  }

  /** The organization with this public slug, if any. */
  async findBySlug(slug: string, kind?: OrganizationKind): Promise<Organization | null> {
    return isSlug(slug) ? this.unitOfWork.em.findOne(Organization, kind ? { slug, kind } : { slug }) : null;
  }

  private async freeSlugFor(em: EntityManager, name: string): Promise<string> {
    return freeSlug(name, async (base) =>
      (await em.find(Organization, { slug: { $like: `${base}%` } }, { fields: ['slug'] })).map(
        (organization) => organization.slug,
      ),
    );
  }

  private checkedSiret(kind: OrganizationKind, input?: string | null): string | undefined {
    const siret = input ? normalizeSiret(input) : undefined;
    if (!siret) {
      if (KINDS_REQUIRING_SIRET.has(kind))
        throw AppError.badInput('siret', `A SIRET is required for a ${kind.toLowerCase()}.`);
      return undefined;
    }
    if (!isValidSiret(siret)) throw AppError.badInput('siret', 'This SIRET is not valid: check its 14 digits.');
    return siret;
  }

  /** The organizations `userIds` act for, with their role, in one query (for a page of users). */
  async membershipsOf(userIds: readonly string[]): Promise<Membership[]> {
    return this.unitOfWork.em.find(
      Membership,
      { user: userIds as string[] },
      { populate: ['organization'], orderBy: { createdAt: 'asc' } },
    );
  }

  /** Organizations by id, in one query (for a page of objects that name them); unknown ids are left out. */
  async findByIds(ids: readonly string[]): Promise<Organization[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? this.unitOfWork.em.find(Organization, { id: wanted }) : [];
  }

  /** The members with their users, read in the current unit of work (a job's transaction, a request). */
  async membersOf(organizationId: string): Promise<Membership[]> {
    return this.unitOfWork.em.find(
      Membership,
      { organization: organizationId },
      { populate: ['user'], orderBy: { createdAt: 'asc' } },
    );
  }
}
