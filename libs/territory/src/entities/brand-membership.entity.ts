import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Brand } from './brand.entity';

export enum BrandMembershipStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
}

/** A producer's application to a brand, and the brand's latest decision on it (the history is in BrandDecision). */
@Entity({ tableName: 'brand_membership' })
@Unique({ name: 'brand_membership_brand_producer_unique', properties: ['brand', 'producerId'] })
export class BrandMembership {
  [OptionalProps]?: 'createdAt' | 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Brand, deleteRule: 'cascade' })
  brand!: Brand;

  /** The PRODUCER organization (identity context). */
  @Property({ type: 'uuid', index: 'brand_membership_producer_idx' })
  producerId!: string;

  @Enum({ items: () => BrandMembershipStatus })
  status: BrandMembershipStatus = BrandMembershipStatus.PENDING;

  @Property({ type: 'text', nullable: true })
  message?: string;

  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date;

  @Property({ type: 'uuid', nullable: true })
  decidedById?: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
