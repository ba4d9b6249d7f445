import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The password rules of ASVS 5.0 §6.2: at least 8 characters, any characters (spaces, emoji), no composition
 * rules, at most 1,024 bytes (a longer input would make hashing a denial of service), and not one of the ~49,000
 * most common passwords (zxcvbn's list, shipped with the code: no network needed).
 */
export const PASSWORD_MIN_CHARACTERS = 8;
export const PASSWORD_MAX_BYTES = 1024;

const commonPasswords = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));

/** Returns why the password is refused, in words for the person typing it, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if ([...password].length < PASSWORD_MIN_CHARACTERS) {
    return `The password must have at least ${PASSWORD_MIN_CHARACTERS} characters.`;
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    return `The password must not exceed ${PASSWORD_MAX_BYTES} bytes.`;
  }
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return 'This password is among the most common ones; choose another.';
  if (email && (lowered === email.toLowerCase() || lowered === email.split('@')[0].toLowerCase())) {
    return 'The password must not be your e-mail address.';
  }
  return undefined;
}
