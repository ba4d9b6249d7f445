import { FALLBACK_PREFIX, formatInvoiceNumber, invoicePrefixOf, invoiceYear, prefixCandidates } from './invoice-number';

describe('invoiceYear: the calendar year in France when the invoice is issued', () => {
  it.each([
    ['2026-12-31T22:59:59.900Z', 2026, '31 Dec 23:59:59.9 in Paris (winter time, UTC+1)'],
    ['2026-12-31T23:00:00.100Z', 2027, '1 Jan 00:00:00.1 in Paris, still 31 Dec in UTC'],
    ['2027-01-01T00:00:00.000Z', 2027, 'new year in both'],
    ['2026-01-01T00:30:00.000Z', 2026, '1 Jan 01:30 in Paris'],
    ['2026-07-14T21:59:59.999Z', 2026, 'summer time (UTC+2): 14 Jul 23:59:59.999 in Paris'],
    ['2026-07-14T22:00:00.000Z', 2026, 'summer time: 15 Jul 00:00 in Paris, same year'],
  ])('%s → %d (%s)', (instant, year) => {
    expect(invoiceYear(new Date(instant))).toBe(year);
  });
});

describe('formatInvoiceNumber', () => {
  it('writes {PREFIX}-{YYYY}-{n} with n on at least four digits', () => {
    expect(formatInvoiceNumber('FHJ', 2026, 1)).toBe('FHJ-2026-0001');
    expect(formatInvoiceNumber('FHJ', 2027, 42)).toBe('FHJ-2027-0042');
    expect(formatInvoiceNumber('FA', 2026, 12345)).toBe('FA-2026-12345');
  });
});

describe('invoicePrefixOf', () => {
  it.each([
    ['Ferme du Haut-Jura', 'FHJ'],
    ["GAEC de l'Étang Neuf", 'GEN'],
    ['Fromagerie', 'FROMAG'],
    ['Œuf', 'OEUF'],
    ['Les Vergers de la Côte d’Émeraude et du Pays de Rance', 'VCEPR'],
    ['Un deux trois quatre cinq six sept', 'UDTQCS'],
    ['Élevage Ébène', 'EE'],
    ['La Ferme', 'FERME'],
    ['Le Du', 'LD'],
    ['X', FALLBACK_PREFIX],
    ['123 456', FALLBACK_PREFIX],
    ['', FALLBACK_PREFIX],
  ])('%p → %s', (name, prefix) => {
    expect(invoicePrefixOf(name)).toBe(prefix);
    expect(invoicePrefixOf(name)).toMatch(/^[A-Z]{2,6}$/);
  });
});

describe('prefixCandidates', () => {
  it('starts with the prefix itself, then variants of 2 to 6 letters sharing its stem', () => {
    for (const base of ['FA', 'FHJ', 'FROMAG']) {
      const { stem, candidates } = prefixCandidates(base);
      expect(candidates[0]).toBe(base);
      expect(new Set(candidates).size).toBe(candidates.length);
      expect(candidates.length).toBeGreaterThan(600);
      for (const candidate of candidates) {
        expect(candidate).toMatch(/^[A-Z]{2,6}$/);
        expect(candidate.startsWith(stem)).toBe(true);
      }
    }
  });
});
