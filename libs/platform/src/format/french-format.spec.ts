import {
  centsToDecimal,
  eurosText,
  fixedDecimal,
  formatDate,
  formatEuros,
  formatMonth,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatSiren,
  formatSiret,
  formatVatRate,
} from './french-format';

/** fr-FR writes a narrow no-break space between thousands and a no-break space before the unit. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the French formatter shared by invoices, e-mails and RSE reports', () => {
  it('prints cents as euros exactly, with no float in between', () => {
    expect(centsToDecimal(123456)).toBe('1234.56');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(plain(formatEuros(123456))).toBe('1 234,56 €');
    expect(plain(formatEuros(-4198))).toBe('-41,98 €');
    // 2^53 - 1 cents still prints exactly; a float division would not.
    expect(plain(formatEuros(9007199254740991))).toBe('90 071 992 547 409,91 €');
    expect(() => centsToDecimal(1.5)).toThrow(RangeError);
  });

  it('prints euros for e-mails and error messages with plain spaces and no thousands separator', () => {
    expect(eurosText(123456)).toBe('1234,56 €');
    expect(eurosText(1234)).toBe('12,34 €');
    expect(eurosText(5)).toBe('0,05 €');
    expect(eurosText(0)).toBe('0,00 €');
    expect(eurosText(-4198)).toBe('-41,98 €');
    expect(eurosText(9007199254740991)).toBe('90071992547409,91 €');
    expect(() => eurosText(1.5)).toThrow(RangeError);
  });

  it('prints quantities in thousandths, VAT rates in basis points, figures with fixed digits', () => {
    expect(formatQuantity(1500)).toBe('1,5');
    expect(formatQuantity(30000)).toBe('30');
    expect(plain(formatVatRate(550))).toBe('5,5 %');
    expect(plain(formatVatRate(2000))).toBe('20 %');
    expect(plain(formatNumber(1234.5678, 2))).toBe('1 234,57');
    expect(formatNumber(-0.001, 2)).toBe('0,00');
    expect(formatNumber(3.2, 1, true)).toBe('+3,2');
    expect(plain(formatPercent(0.4567))).toBe('45,7 %');
    expect(fixedDecimal(-0.0001, 3)).toBe('0.000');
    expect(() => fixedDecimal(Number.NaN, 2)).toThrow(RangeError);
  });

  it('prints dates, months and company numbers as French documents do', () => {
    expect(formatDate('2026-12-31')).toBe('31/12/2026');
    expect(formatMonth('2026-03')).toBe('mars 2026');
    expect(formatSiret('41234567800012')).toBe('412 345 678 00012');
    expect(formatSiret('not a siret')).toBe('not a siret');
    expect(formatSiren('41234567800012')).toBe('412 345 678');
  });
});
