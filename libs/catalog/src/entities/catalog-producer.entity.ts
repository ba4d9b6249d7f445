import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Where a producer's goods leave from: the catalog's copy of the producer's coordinates (identity owns the
 * address), indexed so that a radius search reads a bounding box instead of every producer.
 */
@Entity({ tableName: 'catalog_producer' })
@Index({ name: 'catalog_producer_position_idx', properties: ['latitude', 'longitude'] })
export class CatalogProducer {
  @PrimaryKey({ type: 'uuid' })
  producerId!: string;

  @Property({ type: 'double' })
  latitude!: number;

  @Property({ type: 'double' })
  longitude!: number;

  @Property({ type: 'string', length: 3, nullable: true })
  departmentCode?: string;
}
