import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The platform's commission as a platform admin set it, with who and when: the latest row is the rate card payments
 * started from then on take (each payment keeps its own, `Payment.commissionBasisPoints`). Without any row the
 * setting PLATFORM_COMMISSION_RATE applies. Rows are never changed: a new rate is a new row.
 */
@Entity({ tableName: 'commission_rate' })
@Index({ name: 'commission_rate_set_idx', properties: ['setAt', 'id'] })
export class CommissionRate {
  [OptionalProps]?: 'setAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** 500 = 5 %. */
  @Property({ type: 'integer' })
  basisPoints!: number;

  @Property({ type: 'uuid' })
  setById!: string;

  @Property({ type: 'datetime' })
  setAt: Date = new Date();
}
