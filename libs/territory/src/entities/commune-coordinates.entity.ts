import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Where a commune lies (its centre), as loaded by `npm run geo:import`. */
@Entity({ tableName: 'commune_coordinates' })
export class CommuneCoordinates {
  [OptionalProps]?: 'importedAt';

  @PrimaryKey({ type: 'string', length: 5 })
  inseeCode!: string;

  @Property({ type: 'double' })
  latitude!: number;

  @Property({ type: 'double' })
  longitude!: number;

  @Property({ type: 'datetime' })
  importedAt: Date = new Date();
}
