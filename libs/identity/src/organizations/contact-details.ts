/**
 * How to reach an organization: a French phone number, as people type it, kept in one form (E.164, "+33555521429"),
 * and a contact e-mail checked like the sign-up's. Pure: no I/O.
 */
import { AppError } from '@app/platform';
import { isValidEmail, normalizeEmail } from '../auth/email-address';

/**
 * A French number in E.164 ("+33555521429"), or null when it is not one. Takes what people type: "05 55 52 14 29",
 * "05.55.52.14.29", "0555521429", "+33 5 55 52 14 29", "+33 (0)5 55 52 14 29", "0033 5 55 52 14 29".
 */
export function normalizeFrenchPhone(input: string): string | null {
  const typed = input.replace(/[\s.\-/]/g, '').replace('(0)', '');
  if (!/^(\+|00)?\d+$/.test(typed)) return null;
  const national = /^(?:\+33|0033)(\d{9})$/.exec(typed)?.[1] ?? /^0(\d{9})$/.exec(typed)?.[1];
  return national && /^[1-9]/.test(national) ? `+33${national}` : null;
}

/** The contact an update asks for: undefined left as it is, null removed (an empty string or null given). */
export interface ContactChange {
  phone?: string | null;
  contactEmail?: string | null;
}

/** The update's phone and e-mail normalised and checked, before anything is read or written (BAD_USER_INPUT). */
export function checkedContact(input: { phone?: string | null; contactEmail?: string | null }): ContactChange {
  const change: ContactChange = {};
  if (input.phone !== undefined) {
    const typed = input.phone?.trim() ?? '';
    const phone = typed ? normalizeFrenchPhone(typed) : null;
    if (typed && !phone)
      throw AppError.badInput('phone', 'Enter a French phone number: 10 digits from 0 (05 55 52 14 29) or +33.');
    change.phone = phone;
  }
  if (input.contactEmail !== undefined) {
    const email = normalizeEmail(input.contactEmail ?? '');
    if (email && !isValidEmail(email)) throw AppError.badInput('contactEmail', 'Enter a valid e-mail address.');
    change.contactEmail = email || null;
  }
  return change;
}
