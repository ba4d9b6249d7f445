/**
 * Figures as a French reader expects them on an invoice. Integers are turned into exact decimal strings before
 * formatting, so that no float ever stands between the stored cents and the printed euros.
 */

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const QUANTITY = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });
const RATE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** `hundredths` / 10^`digits` as an exact decimal literal: 123456, 2 → "1234.56". */
function decimal(value: number, digits: number): `${number}` {
  const sign = value < 0 ? '-' : '';
  const digitsOf = String(Math.abs(value)).padStart(digits + 1, '0');
  return `${sign}${digitsOf.slice(0, -digits)}.${digitsOf.slice(-digits)}` as `${number}`;
}

/** 123456 → "1 234,56 €" (narrow no-break spaces, as fr-FR writes them). */
export function formatEuros(cents: number): string {
  return EUROS.format(decimal(cents, 2));
}

/** 1500 thousandths → "1,5". */
export function formatQuantity(thousandths: number): string {
  return QUANTITY.format(decimal(thousandths, 3));
}

/** 550 basis points → "5,5 %". */
export function formatVatRate(basisPoints: number): string {
  return `${RATE.format(decimal(basisPoints, 2))} %`;
}

/** "2026-12-31" → "31/12/2026". */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** 14 digits → "123 456 789 00012". */
export function formatSiret(siret: string): string {
  return `${formatSiren(siret)} ${siret.slice(9)}`;
}

/** The SIREN, the first 9 digits of a SIRET → "123 456 789". */
export function formatSiren(siret: string): string {
  return siret.slice(0, 9).replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3');
}

export const UNIT_LABELS: Record<'KG' | 'PIECE' | 'LITRE', string> = { KG: 'kg', PIECE: 'pièce', LITRE: 'litre' };
