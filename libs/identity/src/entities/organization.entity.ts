import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { BeforeCreate, Embedded, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { PostgresIndex } from '@app/platform';
import { slugify } from '../organizations/slug';
import { Address } from './address.embeddable';

export enum OrganizationKind {
  PRODUCER = 'PRODUCER',
  BUSINESS = 'BUSINESS',
  BRAND = 'BRAND',
}

/**
 * Whether a platform admin has checked that the organization is the company its SIRET names (issue #20 item 5).
 * A new organization is UNVERIFIED; an admin decides VERIFIED or REJECTED, with the SIRENE directory's answer
 * beside what was typed. Only a VERIFIED producer issues invoices and receives payouts.
 */
export enum OrganizationVerificationStatus {
  UNVERIFIED = 'UNVERIFIED',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}

/** FOUND: the establishment exists; NOT_FOUND: SIRENE knows no such SIRET; UNAVAILABLE: no answer (see error). */
export enum SireneOutcome {
  FOUND = 'FOUND',
  NOT_FOUND = 'NOT_FOUND',
  UNAVAILABLE = 'UNAVAILABLE',
}

/** What the SIRENE directory said of the SIRET, kept for the admin who decides (null until the lookup ran). */
export interface SireneCheck {
  checkedAt: string;
  outcome: SireneOutcome;
  active?: boolean;
  legalName?: string | null;
  address?: string | null;
  error?: string;
}

@Entity({ tableName: 'organization' })
@Index({ name: 'organization_kind_siret_idx', properties: ['kind', 'siret'] })
export class Organization {
  /**
   * Several organizations may claim a SIRET (the first to type it must not block the company); at most one of a kind
   * is VERIFIED. OrganizationService checks it on both databases; on PostgreSQL this index also settles a race.
   */
  static readonly postgresIndexes: PostgresIndex[] = [
    {
      name: 'organization_verified_siret_unique',
      expression: `create unique index "organization_verified_siret_unique" on "organization" ("kind", "siret") where "verification_status" = 'VERIFIED'`,
    },
  ];

  [OptionalProps]?: 'createdAt' | 'slug' | 'verificationStatus';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => OrganizationKind })
  kind!: OrganizationKind;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Its public address (`/producteurs/<slug>`), from the name at creation; kept when the name changes. */
  @Property({ type: 'string', length: 100, unique: 'organization_slug_unique' })
  slug!: string;

  /** What it tells the public about itself (the producer's page). */
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** Its logo: one of its own media (an uploaded picture). */
  @Property({ type: 'uuid', nullable: true })
  logoMediaId?: string | null;

  /** Required for producers and businesses; a brand may be an association without one. */
  @Property({ type: 'string', length: 14, nullable: true })
  siret?: string;

  @Property({ type: 'string', length: 13, nullable: true })
  vatNumber?: string;

  @Embedded({ entity: () => Address, prefix: 'address_' })
  address!: Address;

  /**
   * A producer's bank account for the transfers of invoices paid by transfer: the IBAN normalised (no spaces, upper
   * case, checked by mod 97), the BIC optional. Its owners set it; only its members see it (bank-account.ts).
   */
  @Property({ type: 'string', length: 34, nullable: true })
  iban?: string | null;

  @Property({ type: 'string', length: 11, nullable: true })
  bic?: string | null;

  /**
   * How to reach it: a French phone number in E.164 ("+33555521429") and a contact e-mail, set by its owners
   * (contact-details.ts). A producer's are public; a business's are its members' and its producers' (ContactVisibility).
   */
  @Property({ type: 'string', length: 16, nullable: true })
  phone?: string | null;

  @Property({ type: 'string', length: 254, nullable: true })
  contactEmail?: string | null;

  @Enum({ items: () => OrganizationVerificationStatus, default: OrganizationVerificationStatus.UNVERIFIED })
  verificationStatus: OrganizationVerificationStatus = OrganizationVerificationStatus.UNVERIFIED;

  /** The admin's reason for the last decision (or why another claim of the SIRET won). */
  @Property({ type: 'text', nullable: true })
  verificationReason?: string | null;

  /** When the last decision was made. */
  @Property({ type: 'datetime', nullable: true })
  verificationDecidedAt?: Date | null;

  @Property({ type: 'json', nullable: true })
  sireneCheck?: SireneCheck | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** OrganizationService gives the slug (the name's, with a suffix if taken); one created elsewhere gets a unique one. */
  @BeforeCreate()
  ensureSlug(): void {
    this.slug ??= `${slugify(this.name).slice(0, 80)}-${this.id.slice(0, 8)}`;
  }
}
