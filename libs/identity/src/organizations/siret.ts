/**
 * French company identifiers. A SIRET (14 digits) is a SIREN (9 digits, the company) followed by a 5-digit
 * establishment number; both carry a Luhn check, except La Poste's establishments (SIREN 356 000 000), whose
 * SIRETs are numbered so that the sum of their digits is a multiple of 5.
 */
const LA_POSTE_SIREN = '356000000';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Removes the spaces people type ("443 061 841 00047"). */
export function normalizeSiret(input: string): string {
  return input.replace(/[\s.]/g, '');
}

export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...siret].reduce((sum, digit) => sum + Number(digit), 0);
    return luhnValid(siret) || digitSum % 5 === 0;
  }
  return luhnValid(siret) && luhnValid(siret.slice(0, 9));
}

/** The intra-community VAT number of a French company: FR, a 2-digit key computed from the SIREN, the SIREN. */
export function frenchVatNumber(siret: string): string {
  const siren = siret.slice(0, 9);
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}
