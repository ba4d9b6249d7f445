/**
 * Who must sign in with a second factor (issue #20 item 12, AUTH-13): platform admins and brand managers. One who
 * has not enrolled yet keeps a grace of 7 days from the account's creation (to enrol from the page the web shows);
 * after it, or once enrolled, a session whose sign-in passed no second factor may do nothing but enrol, look at
 * itself and sign out: every other operation answers FORBIDDEN with `reason: MFA_REQUIRED`.
 */
export const MFA_ENROLMENT_GRACE_MS = 7 * 24 * 3600_000;
export const MFA_REQUIRED = 'MFA_REQUIRED';

/** The operations a privileged session without a second factor may still call: to enrol, and to leave. */
export const OPERATIONS_WITHOUT_SECOND_FACTOR: ReadonlySet<string> = new Set([
  'me',
  'logout',
  'startMfaEnrolment',
  'confirmMfaEnrolment',
]);

export interface SecondFactorSituation {
  privileged: boolean;
  enrolled: boolean;
  /** The session's sign-in passed a second factor. */
  sessionHasSecondFactor: boolean;
  accountCreatedAt: Date;
  now: Date;
}

/** Whether this session must be refused privileged work until it signs in with a second factor (or enrols). */
export function secondFactorMissing(situation: SecondFactorSituation): boolean {
  if (!situation.privileged || situation.sessionHasSecondFactor) return false;
  if (situation.enrolled) return true;
  return situation.now.getTime() - situation.accountCreatedAt.getTime() >= MFA_ENROLMENT_GRACE_MS;
}
