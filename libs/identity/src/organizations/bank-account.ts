/**
 * A bank account for SEPA credit transfers, checked as banks check it: the IBAN (ISO 13616) by its country's length
 * and its mod-97 check digits, the BIC (ISO 9362) by its shape. Pure: no I/O.
 */

/** Length of the IBAN of each SEPA country (the SWIFT IBAN registry); another country's is checked by mod-97 only. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
};

/** Removes the spaces (and dashes) people copy from a bank statement, upper case: "fr76 3000 …" → "FR763000…". */
export function normalizeIban(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** The remainder of the IBAN's number (country and check digits moved to the end, letters as 10…35) by 97. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const value = Number.parseInt(character, 36);
    remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
  }
  return remainder;
}

/** What is wrong with a normalised IBAN (the API's words, in English), or null when a bank would take it. */
export function ibanProblem(iban: string): string | null {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban))
    return 'An IBAN is a country code, two check digits, then the account number (letters and digits).';
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length !== undefined && iban.length !== length)
    return `An IBAN of ${iban.slice(0, 2)} has ${length} characters (this one has ${iban.length}).`;
  if (mod97(iban) !== 1) return 'This IBAN is wrong: its check digits do not match (ISO 13616 mod 97).';
  return null;
}

export const isValidIban = (iban: string): boolean => ibanProblem(iban) === null;

/** The BIC in upper case without spaces. */
export function normalizeBic(input: string): string {
  return input.replace(/\s/g, '').toUpperCase();
}

/** A BIC: bank (4 letters), country (2 letters), location (2), and optionally a branch (3): 8 or 11 characters. */
export function isValidBic(bic: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic);
}

/** The IBAN as printed: groups of 4 ("FR76 3000 6000 0112 3456 7890 189"). */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}
