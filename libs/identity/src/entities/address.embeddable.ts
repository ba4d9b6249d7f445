import { Embeddable, Enum, Property } from '@mikro-orm/decorators/legacy';

export enum GeoPrecision {
  /** Coordinates given by the client for this address. */
  ADDRESS = 'ADDRESS',
  /** The commune's centroid, from the gazetteer. */
  COMMUNE = 'COMMUNE',
  /** The département's centroid: the fallback. */
  DEPARTMENT = 'DEPARTMENT',
}

/** A postal address in France with where it lies, as precisely as known. */
@Embeddable()
export class Address {
  @Property({ type: 'string', length: 200 })
  line1!: string;

  @Property({ type: 'string', length: 5 })
  postalCode!: string;

  @Property({ type: 'string', length: 120, nullable: true })
  city?: string;

  @Property({ type: 'string', length: 5, nullable: true })
  inseeCode?: string;

  @Property({ type: 'string', length: 3, nullable: true })
  departmentCode?: string;

  @Property({ type: 'double', nullable: true })
  latitude?: number;

  @Property({ type: 'double', nullable: true })
  longitude?: number;

  @Enum({ items: () => GeoPrecision })
  precision!: GeoPrecision;
}
