import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { BrandMembershipStatus } from './brand-membership.entity';

export enum BrandDecisionSubject {
  MEMBERSHIP = 'MEMBERSHIP',
  PRODUCT_LABEL = 'PRODUCT_LABEL',
}

/** Append-only: every decision a brand took, who took it, when and why. */
@Entity({ tableName: 'brand_decision' })
export class BrandDecision {
  [OptionalProps]?: 'decidedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', index: 'brand_decision_brand_idx' })
  brandId!: string;

  @Enum({ items: () => BrandDecisionSubject })
  subject!: BrandDecisionSubject;

  @Property({ type: 'uuid', index: 'brand_decision_subject_idx' })
  subjectId!: string;

  @Enum({ items: () => BrandMembershipStatus })
  fromStatus!: BrandMembershipStatus;

  @Enum({ items: () => BrandMembershipStatus })
  toStatus!: BrandMembershipStatus;

  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Property({ type: 'uuid' })
  decidedById!: string;

  @Property({ type: 'datetime' })
  decidedAt: Date = new Date();
}
