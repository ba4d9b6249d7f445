import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A photo of a product: one of its producer's media, with its alternative text, in the producer's order. */
@Entity({ tableName: 'product_image' })
@Index({ name: 'product_image_product_position_idx', properties: ['productId', 'position'] })
export class ProductImage {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  productId!: string;

  /** The media (identity context); its widths and size are copied here, a media never changes. */
  @Property({ type: 'uuid' })
  mediaId!: string;

  @Property({ type: 'json' })
  widths!: number[];

  @Property({ type: 'integer' })
  width!: number;

  @Property({ type: 'integer' })
  height!: number;

  /** What the photo shows, for those who cannot see it. */
  @Property({ type: 'string', length: 300 })
  alt!: string;

  /** 0 first: the first photo is the product's picture on cards. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
