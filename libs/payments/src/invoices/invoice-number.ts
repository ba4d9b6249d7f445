/**
 * Invoice numbers: `{PREFIX}-{YYYY}-{n}`, one gapless series per producer and calendar year. The year is the one
 * in France when the invoice is issued, not in UTC: an invoice issued on 1 January at 00:30 in Paris belongs to the
 * new year although it is still 31 December in UTC.
 */

const PARIS_YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' });

export function invoiceYear(issuedAt: Date): number {
  return Number(PARIS_YEAR.format(issuedAt));
}

/** Sequences are zero-padded to four digits, so that a year's numbers sort as text; the 10,000th just grows. */
export const SEQUENCE_DIGITS = 4;

export function formatInvoiceNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

export const FALLBACK_PREFIX = 'FA';
const MAX_PREFIX = 6;

/** Words that say nothing about who the producer is. */
const FILLER_WORDS = new Set(['A', 'AU', 'AUX', 'D', 'DE', 'DES', 'DU', 'EN', 'ET', 'L', 'LA', 'LE', 'LES', 'SUR']);

/**
 * A readable prefix of 2 to 6 letters A–Z from the producer's name: the initials of its words ("Ferme du
 * Haut-Jura" → FHJ), or the start of its only word ("Fromagerie" → FROMAG); FA when nothing usable remains.
 */
export function invoicePrefixOf(producerName: string): string {
  const words = producerName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    // Ligatures have no decomposition: Œuf is OEUF, not UF.
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE')
    .split(/[^A-Z]+/)
    .filter(Boolean);
  const meaningful = words.filter((word) => !FILLER_WORDS.has(word));
  const kept = meaningful.length ? meaningful : words;
  const prefix =
    kept.length >= 2
      ? kept
          .map((word) => word[0])
          .join('')
          .slice(0, MAX_PREFIX)
      : (kept[0] ?? '').slice(0, MAX_PREFIX);
  return prefix.length >= 2 ? prefix : FALLBACK_PREFIX;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The prefixes to try, in order, when `base` is already another producer's: numbers are unique across producers,
 * so two producers never share a prefix. Every candidate starts with the returned `stem`.
 */
export function prefixCandidates(base: string): { stem: string; candidates: string[] } {
  const stem = base.slice(0, MAX_PREFIX - 2);
  const oneMore = [...ALPHABET].map((letter) => base.slice(0, MAX_PREFIX - 1) + letter);
  const twoMore = [...ALPHABET].flatMap((first) => [...ALPHABET].map((second) => stem + first + second));
  return { stem, candidates: [...new Set([base, ...oneMore, ...twoMore])] };
}
