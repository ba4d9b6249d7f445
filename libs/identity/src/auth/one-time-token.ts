import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit token for a link sent by e-mail; only its digest is ever stored. */
export const newOneTimeToken = (): string => randomBytes(32).toString('base64url');

export const tokenDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

export const PASSWORD_RESET_TTL_MS = 3600_000;
export const EMAIL_VERIFICATION_TTL_MS = 3600_000;
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
/** A second reset e-mail to the same account within this delay is not sent (no flooding someone's inbox). */
export const PASSWORD_RESET_RESEND_DELAY_MS = 60_000;
