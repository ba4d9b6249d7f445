import { AppError, ErrorCode } from '@app/platform';
import type { AuthUser } from './auth-user';

/**
 * How long a session (a family of refresh tokens) may last in all, counted from the sign-in that opened it and not
 * extended by rotation (issue #20 item 12, AUTH-07): 30 days for buyers and producers, 12 hours for the privileged —
 * platform admins and the managers of a BRAND organization (NIST AAL2's absolute limit).
 */
export const SESSION_LIFETIME_MS = 30 * 24 * 3600_000;
export const PRIVILEGED_SESSION_LIFETIME_MS = 12 * 3600_000;

export const sessionLifetimeMs = (privileged: boolean): number =>
  privileged ? PRIVILEGED_SESSION_LIFETIME_MS : SESSION_LIFETIME_MS;

/**
 * A privileged session also ends after 30 minutes without use (AUTH-07, NIST AAL2's inactivity limit), measured
 * between refreshes: a refresh token issued more than 30 minutes ago is no longer spent for them. Access tokens last
 * 15 minutes and the web refreshes as soon as one lapses, so an admin at work never meets it.
 */
export const PRIVILEGED_IDLE_LIMIT_MS = 30 * 60_000;

/** Whether a session opened at `startedAt`, whose current token was issued at `issuedAt`, has ended at `now`. */
export const sessionOutlived = (startedAt: Date, issuedAt: Date, privileged: boolean, now: Date): boolean =>
  now.getTime() - startedAt.getTime() >= sessionLifetimeMs(privileged) ||
  (privileged && now.getTime() - issuedAt.getTime() > PRIVILEGED_IDLE_LIMIT_MS);

/**
 * How recent the sign-in must be for a sensitive change (ASVS 7.5.1, AUTH-12: ≤ 5 minutes): the access token's
 * `auth_time` is the sign-in that opened its session; a refresh keeps it.
 */
export const FRESH_SIGN_IN_MAX_AGE_MS = 5 * 60_000;
export const FRESH_SIGN_IN_REQUIRED = 'FRESH_SIGN_IN_REQUIRED';

/**
 * Refuses a sensitive change (payout onboarding, and e-mail or password changes when they exist) unless the caller
 * signed in within the last five minutes: `UNAUTHENTICATED` with `reason: FRESH_SIGN_IN_REQUIRED`, so the client
 * asks for the password again and comes back.
 */
export function assertFreshSignIn(user: AuthUser, now = new Date()): void {
  const age = user.authTime ? now.getTime() - user.authTime.getTime() : Number.POSITIVE_INFINITY;
  if (age <= FRESH_SIGN_IN_MAX_AGE_MS) return;
  throw new AppError(
    ErrorCode.UNAUTHENTICATED,
    'For this change, sign in again first (your last sign-in is more than 5 minutes old).',
    { reason: FRESH_SIGN_IN_REQUIRED },
  );
}
