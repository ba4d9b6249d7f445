import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Embedded, Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Address } from './address.embeddable';

export enum OrganizationKind {
  PRODUCER = 'PRODUCER',
  BUSINESS = 'BUSINESS',
  BRAND = 'BRAND',
}

@Entity({ tableName: 'organization' })
@Unique({ name: 'organization_kind_siret_unique', properties: ['kind', 'siret'] })
export class Organization {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => OrganizationKind })
  kind!: OrganizationKind;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Required for producers and businesses; a brand may be an association without one. */
  @Property({ type: 'string', length: 14, nullable: true })
  siret?: string;

  @Property({ type: 'string', length: 13, nullable: true })
  vatNumber?: string;

  @Embedded({ entity: () => Address, prefix: 'address_' })
  address!: Address;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
