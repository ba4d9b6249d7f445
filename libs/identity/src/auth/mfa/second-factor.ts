import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * The second factor's pure parts (issue #20 item 12, AUTH-13): TOTP as RFC 6238 with the parameters every
 * authenticator app reads (SHA-1, 6 digits, 30 seconds), the recovery codes, and the sealing of secrets at rest.
 */
export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
const ISSUER = 'Ancrage';
/** One step either side of now is accepted, for a phone's clock a little off and the seconds it takes to type. */
const WINDOW = 1;

export const RECOVERY_CODE_COUNT = 10;
/** Crockford-like alphabet without look-alikes (no 0/O, 1/I/L): 10 characters = 50 bits per code. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A new TOTP secret: 20 random bytes (RFC 4226's recommended size), in base32 as the apps show it. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totpOf = (secretBase32: string, label = '') =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });

/** The `otpauth://totp/…` URI an authenticator app reads from the QR code. */
export const otpauthUri = (secretBase32: string, accountName: string): string =>
  totpOf(secretBase32, accountName).toString();

/** The code of a secret at an instant (for tests and for nothing else in the application). */
export const totpCodeAt = (secretBase32: string, at: Date): string =>
  totpOf(secretBase32).generate({ timestamp: at.getTime() });

/** Six digits, spaces tolerated ("123 456" as some apps show it). */
export const looksLikeTotp = (code: string): boolean => /^\d{6}$/.test(code.replace(/\s/g, ''));

/**
 * The time step (the TOTP counter) a code belongs to, if it is valid at `now` within one step either side;
 * undefined otherwise. The caller refuses a step not above the last one accepted: a code is used once.
 */
export function totpStep(secretBase32: string, code: string, now: Date): number | undefined {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = totpOf(secretBase32).validate({ token, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return undefined;
  return TOTP.counter({ period: TOTP_PERIOD_S, timestamp: now.getTime() }) + delta;
}

/** Ten one-time recovery codes, shown once, as `xxxxx-xxxxx`. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/**
 * What is stored of a recovery code: the SHA-256 of its normalized form (case, spaces and dashes ignored). The codes
 * are 50 random bits each and spent once, so a fast hash suffices, as for the refresh tokens.
 */
export const recoveryCodeHash = (code: string): string =>
  createHash('sha256').update(code.toLowerCase().replace(/[\s-]/g, '')).digest('hex');

const keyOf = (key: string) => createHash('sha256').update(key).digest();

/** Seals a secret with AES-256-GCM under the configured key: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealSecret(plain: string, key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(key), iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The secret sealed by `sealSecret`; throws if the key is not the one that sealed it or the text was altered. */
export function openSecret(sealed: string, key: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('Not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(key), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
