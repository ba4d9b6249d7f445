import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Formula, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OrganizationKind } from './organization.entity';

@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?: 'isPlatformAdmin' | 'tokenVersion' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Lower-cased and trimmed: one account per address whatever the capitals. */
  @Property({ type: 'string', length: 254, unique: 'app_user_email_unique' })
  email!: string;

  @Property({ type: 'text', lazy: true })
  passwordHash!: string;

  @Property({ type: 'string', length: 100 })
  displayName!: string;

  /** Granted only by `npm run admin:grant`; no API input can set it. */
  @Property({ type: 'boolean' })
  isPlatformAdmin: boolean = false;

  /** Raised at logout and on every change that must end sessions: access tokens of an older version are refused. */
  @Property({ type: 'integer' })
  tokenVersion: number = 0;

  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date;

  /** When the user proved the address is theirs (the verification link, a password reset or an invitation). */
  @Property({ type: 'datetime', nullable: true })
  emailVerifiedAt?: Date;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /**
   * The second factor (AUTH-13): the TOTP secret, sealed with MFA_ENCRYPTION_KEY (AES-256-GCM), set when an
   * enrolment is confirmed by a first code; from then on, signing in asks for a code.
   */
  @Property({ type: 'text', nullable: true, lazy: true })
  mfaSecret?: string | null;

  /** A secret shown for enrolment and not yet confirmed by a code (sealed like `mfaSecret`). */
  @Property({ type: 'text', nullable: true, lazy: true })
  mfaPendingSecret?: string | null;

  @Property({ type: 'datetime', nullable: true })
  mfaEnabledAt?: Date | null;

  /** The TOTP time step of the last code accepted: a code of that step or an earlier one is refused (replay). */
  @Property({ type: 'integer', nullable: true })
  mfaLastStep?: number | null;

  /**
   * Whether the user is a member of a territory brand (a BRAND organization): with `isPlatformAdmin`, what makes a
   * session privileged (`RefreshTokenService.isPrivileged`). Not a column, and read only when populated:
   * authentication reads it with the account, in the same statement (issue #24).
   */
  @Formula(
    (_, table) =>
      `exists (select 1 from membership m join organization o on o.id = m.organization_id where m.user_id = ${table.alias}.id and o.kind = '${OrganizationKind.BRAND}')`,
    { lazy: true, type: 'boolean' },
  )
  managesBrand?: boolean;
}
