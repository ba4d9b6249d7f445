/**
 * What a producer types in the catalogue's forms, read as the API wants it: euros ("2,20", "1 234,5 €") as whole
 * cents, quantities ("12,5") as numbers. Read from the text's digits, never by multiplying a float (2.2 × 100 is
 * 220.00000000000003). A sign is kept: the API says itself why a negative price or stock is refused.
 */

/** Spaces of any kind (fr-FR writes 1 234,50 with a narrow no-break space) and a trailing euro sign. */
const tidy = (text: string): string => text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');

const DECIMAL = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

/** Euros as whole cents, or null when the text is no amount (letters, several separators, more than 2 decimals). */
export function centsOfEuros(text: string): number | null {
  const match = DECIMAL.exec(tidy(text));
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if ((whole === '' && fraction === '') || fraction.length > 2) return null;
  const cents = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return sign === '-' ? -cents : cents;
}

/** Cents as a producer types them back: 220 → "2,20". */
export function eurosText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A quantity ("12,5", "3") as a number, or null when the text is none. Decimals are left to the API's rules. */
export function quantityOf(text: string): number | null {
  const match = DECIMAL.exec(tidy(text));
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  const value = Number(`${sign}${whole || '0'}.${fraction || '0'}`);
  return Number.isFinite(value) ? value : null;
}

/** A quantity as a producer types it back: 12.5 → "12,5". */
export const quantityText = (value: number): string => String(value).replace('.', ',');
