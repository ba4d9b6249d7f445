import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A territory brand ("Made in Jura"): run by a BRAND organization, covering one or more départements. */
@Entity({ tableName: 'brand' })
export class Brand {
  [OptionalProps]?: 'createdAt';

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

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
