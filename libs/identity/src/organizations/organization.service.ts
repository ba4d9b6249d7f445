import { Inject, Injectable, Optional } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError, ErrorCode, isUuid } from '@app/platform';
import type { AuthUser } from '../auth/auth-user';
import { Membership, MembershipRole } from '../entities/membership.entity';
import { Organization, OrganizationKind } from '../entities/organization.entity';
import { User } from '../entities/user.entity';
import { ADDRESS_RESOLVER, type AddressInputValues, type AddressResolver, AsGivenAddressResolver } from './address-input';
import { frenchVatNumber, isValidSiret, normalizeSiret } from './siret';

export interface CreateOrganizationValues {
  kind: OrganizationKind;
  name: string;
  siret?: string | null;
  address: AddressInputValues;
}

const KINDS_REQUIRING_SIRET = new Set([OrganizationKind.PRODUCER, OrganizationKind.BUSINESS]);

@Injectable()
export class OrganizationService {
  private readonly addresses: AddressResolver;

  constructor(
    private readonly orm: MikroORM,
    /** Provided by the territory context (the gazetteer); without it, addresses are kept as given. */
    @Optional() @Inject(ADDRESS_RESOLVER) addressResolver?: AddressResolver,
  ) {
    this.addresses = addressResolver ?? new AsGivenAddressResolver();
  }

  /** Creates the organization with its creator as OWNER. */
  async create(user: AuthUser, input: CreateOrganizationValues): Promise<Organization> {
    const name = input.name.trim();
    if (!name || name.length > 200) throw AppError.badInput('name', 'The name must have between 1 and 200 characters.');
    const siret = this.checkedSiret(input.kind, input.siret);
    const address = await this.addresses.resolve(input.address, 'address');
    try {
      return await (this.orm.em.fork() as EntityManager).transactional(async (em) => {
        const organization = em.create(Organization, {
          kind: input.kind,
          name,
          siret,
          vatNumber: siret ? frenchVatNumber(siret) : undefined,
          address,
        });
        em.persist(organization);
        em.persist(em.create(Membership, { user: em.getReference(User, user.id), organization, role: MembershipRole.OWNER }));
        return organization;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new AppError(ErrorCode.CONFLICT, `A ${input.kind.toLowerCase()} organization already exists with this SIRET.`, { field: 'siret' });
      }
      throw error;
    }
  }

  private checkedSiret(kind: OrganizationKind, input?: string | null): string | undefined {
    const siret = input ? normalizeSiret(input) : undefined;
    if (!siret) {
      if (KINDS_REQUIRING_SIRET.has(kind)) throw AppError.badInput('siret', `A SIRET is required for a ${kind.toLowerCase()}.`);
      return undefined;
    }
    if (!isValidSiret(siret)) throw AppError.badInput('siret', 'This SIRET is not valid: check its 14 digits.');
    return siret;
  }

  /** The organizations `userIds` act for, with their role, in one query (for a page of users). */
  async membershipsOf(userIds: readonly string[]): Promise<Membership[]> {
    return this.orm.em.fork().find(Membership, { user: userIds as string[] }, { populate: ['organization'], orderBy: { createdAt: 'asc' } });
  }

  /** Organizations by id, in one query (for a page of objects that name them); unknown ids are left out. */
  async findByIds(ids: readonly string[], em: EntityManager = this.orm.em.fork() as EntityManager): Promise<Organization[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? em.find(Organization, { id: wanted }) : [];
  }

  /** The members with their users; a job handler passes its own `em` (one connection on SQLite). */
  async membersOf(organizationId: string, em: EntityManager = this.orm.em.fork() as EntityManager): Promise<Membership[]> {
    return em.find(Membership, { organization: organizationId }, { populate: ['user'], orderBy: { createdAt: 'asc' } });
  }
}
