import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A new brand waits for a platform admin to check who runs it: nobody can open a fake "Made in Jura". */
export enum BrandStatus {
  PENDING_VERIFICATION = 'PENDING_VERIFICATION',
  VERIFIED = 'VERIFIED',
}

/**
 * A territory brand ("Made in Jura"): run by a BRAND organization, covering one or more départements. Until a
 * platform admin verifies it, it is shown only to the people who run it and decides on nothing.
 */
@Entity({ tableName: 'brand' })
export class Brand {
  [OptionalProps]?: 'createdAt' | 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The BRAND organization (identity context) whose members run the brand. */
  @Property({ type: 'uuid', index: 'brand_organization_idx' })
  organizationId!: string;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Property({ type: 'string', length: 80, unique: 'brand_slug_unique' })
  slug!: string;

  @Property({ type: 'json' })
  departmentCodes!: string[];

  @Property({ type: 'text' })
  charter!: string;

  /** What the public page says of the territory (its landscapes, its trades), written by the brand's managers. */
  @Property({ type: 'text', nullable: true })
  territoryText?: string | null;

  /** One of the brand organization's own media (`POST /media`), shown on the public page. */
  @Property({ type: 'uuid', nullable: true })
  logoMediaId?: string | null;

  @Enum({ items: () => BrandStatus, default: BrandStatus.PENDING_VERIFICATION })
  status: BrandStatus = BrandStatus.PENDING_VERIFICATION;

  @Property({ type: 'datetime', nullable: true })
  verifiedAt?: Date | null;

  /** The platform admin who verified it. */
  @Property({ type: 'uuid', nullable: true })
  verifiedById?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
