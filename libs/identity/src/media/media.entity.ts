import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A picture an organization uploaded (a product photo, its logo), kept as WebP files of a few widths under
 * `DATA_DIR/media/<id>/<width>.webp`. Immutable: a new picture is a new media, so its files are cached for good.
 */
@Entity({ tableName: 'media' })
export class Media {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The organization that uploaded it: the only one that may use it. */
  @Property({ type: 'uuid', index: 'media_organization_idx' })
  organizationId!: string;

  /** The widths of its files, ascending (320, 800, 1600 at most; never wider than the picture sent). */
  @Property({ type: 'json' })
  widths!: number[];

  /** The size of the widest file, in pixels. */
  @Property({ type: 'integer' })
  width!: number;

  @Property({ type: 'integer' })
  height!: number;

  @Property({ type: 'uuid', nullable: true })
  uploadedById?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
