import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Every e-mail the platform sent, keyed by what sent it (a job's key): the record that makes a retried job send its
 * e-mail once, and what support reads when someone says "I never got it".
 */
@Entity({ tableName: 'sent_email' })
export class SentEmail {
  [OptionalProps]?: 'sentAt';

  @PrimaryKey({ type: 'string', length: 120 })
  dedupeKey!: string;

  @Property({ type: 'string', length: 320 })
  recipient!: string;

  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'datetime' })
  sentAt: Date = new Date();
}
