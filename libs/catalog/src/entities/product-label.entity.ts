import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BrandMembershipStatus as LabelStatus } from '@app/territory';
import { Product } from './product.entity';

/**
 * A brand's label on a product. It shows only while APPROVED and not suspended; a revoked brand membership
 * suspends the producer's labels of that brand. (Labels live with the products they mark: the catalog depends on
 * the territory's brands, not the reverse.)
 */
@Entity({ tableName: 'product_label' })
@Unique({ name: 'product_label_product_brand_unique', properties: ['product', 'brandId'] })
export class ProductLabel {
  [OptionalProps]?: 'status' | 'suspended' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Product, deleteRule: 'cascade' })
  product!: Product;

  @Property({ type: 'uuid', index: 'product_label_brand_idx' })
  brandId!: string;

  @Property({ type: 'uuid' })
  producerId!: string;

  @Enum({ items: () => LabelStatus })
  status: LabelStatus = LabelStatus.PENDING;

  @Property({ type: 'boolean' })
  suspended: boolean = false;

  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date;

  @Property({ type: 'uuid', nullable: true })
  decidedById?: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
