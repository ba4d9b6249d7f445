import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { BeforeCreate, Embedded, Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { slugify } from '../organizations/slug';
import { Address } from './address.embeddable';

export enum OrganizationKind {
  PRODUCER = 'PRODUCER',
  BUSINESS = 'BUSINESS',
  BRAND = 'BRAND',
}

@Entity({ tableName: 'organization' })
@Unique({ name: 'organization_kind_siret_unique', properties: ['kind', 'siret'] })
export class Organization {
  [OptionalProps]?: 'createdAt' | 'slug';

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

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** OrganizationService gives the slug (the name's, with a suffix if taken); one created elsewhere gets a unique one. */
  @BeforeCreate()
  ensureSlug(): void {
    this.slug ??= `${slugify(this.name).slice(0, 80)}-${this.id.slice(0, 8)}`;
  }
}
