/**
 * Figures as a French reader expects them, on invoices, credit notes, e-mails and RSE reports: one formatter for
 * the whole product. Integers are turned into exact decimal strings before formatting, so that no float ever
 * stands between stored cents and printed euros.
 */

/** `value` / 10^`digits` as an exact decimal literal: 123456, 2 → "1234.56"; -5, 2 → "-0.05". */
function exactDecimal(value: number, digits: number): `${number}` {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not an integer amount: ${value}`);
  const sign = value < 0 ? '-' : '';
  const padded = String(Math.abs(value)).padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}` as `${number}`;
}

/** Integer cents as an exact decimal literal: 123456 → "1234.56", -5 → "-0.05". No float between cents and euros. */
export const centsToDecimal = (cents: number): string => exactDecimal(cents, 2);

/**
 * A measured figure with a fixed number of decimals and a point: 1.23456, 3 → "1.235". A non-finite number is a
 * bug upstream: an accountant must never receive "NaN" in a report, so it throws instead.
 */
export function fixedDecimal(value: number, digits: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite figure: ${value}`);
  const text = value.toFixed(digits);
  // -0.0001 prints as "-0.000": a signed zero would read as a (tiny) negative saving.
  return text.charCodeAt(0) === 45 /* - */ && /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** The same rounding as `fixedDecimal`, as a number (for a typed spreadsheet cell, or before formatting). */
export const roundTo = (value: number, digits: number): number => Number(fixedDecimal(value, digits));

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const QUANTITY = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });
const RATE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const numberFormats = new Map<string, Intl.NumberFormat>();

/** 123456 → "1 234,56 €" (narrow no-break spaces, as fr-FR writes them). */
export const formatEuros = (cents: number): string => EUROS.format(exactDecimal(cents, 2));

/**
 * 123456 → "1234,56 €": plain spaces and no thousands separator, for the text of e-mails and error messages (read in
 * any mail client and log, compared by tests as typed); documents use `formatEuros`.
 */
export const eurosText = (cents: number): string => `${exactDecimal(cents, 2).replace('.', ',')} €`;

/** 1500 thousandths → "1,5". */
export const formatQuantity = (thousandths: number): string => QUANTITY.format(exactDecimal(thousandths, 3));

/** 550 basis points → "5,5 %". */
export const formatVatRate = (basisPoints: number): string => `${RATE.format(exactDecimal(basisPoints, 2))} %`;

/** 1234.5678, 2 → "1 234,57"; `signed` also prints "+" on positive figures, where the sign carries the meaning (savings). */
export function formatNumber(value: number, digits: number, signed = false): string {
  const key = `${digits}${signed ? '+' : ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    numberFormats.set(key, format);
  }
  // Rounded first so that -0.001 prints "0,00", not "-0,00".
  return format.format(roundTo(value, digits));
}

/** 0.4567 → "45,7 %". */
export const formatPercent = (share: number): string => PERCENT.format(roundTo(share, 4));

/** "2026-12-31" → "31/12/2026". */
export function formatDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** "2026-03" → "mars 2026". */
export function formatMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
    new Date(Date.UTC(year, number - 1, 1)),
  );
}

/** 14 digits → "123 456 789 00012"; anything else is printed as given. */
export const formatSiret = (siret: string): string =>
  /^\d{14}$/.test(siret) ? `${formatSiren(siret)} ${siret.slice(9)}` : siret;

/** The SIREN, the first 9 digits of a SIRET → "123 456 789". */
export const formatSiren = (siret: string): string => siret.slice(0, 9).replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3');
