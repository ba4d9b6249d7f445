import { describe, expect, it } from '@jest/globals';
import { centsOfEuros, eurosText, quantityOf, quantityText } from './product-input';

describe('centsOfEuros', () => {
  it('reads euros with a comma or a point, with or without cents', () => {
    expect(centsOfEuros('2,20')).toBe(220);
    expect(centsOfEuros('2,2')).toBe(220);
    expect(centsOfEuros('2.2')).toBe(220);
    expect(centsOfEuros('2')).toBe(200);
    expect(centsOfEuros('0,05')).toBe(5);
    expect(centsOfEuros(',5')).toBe(50);
    expect(centsOfEuros('3,')).toBe(300);
  });

  it('never drifts like a float does', () => {
    expect(centsOfEuros('4,35')).toBe(435);
    expect(centsOfEuros('1,15')).toBe(115);
    expect(centsOfEuros('0,29')).toBe(29);
    expect(centsOfEuros('19,99')).toBe(1999);
  });

  it('ignores spaces of any kind and a euro sign', () => {
    expect(centsOfEuros(' 1 234,50 € ')).toBe(123450);
    expect(centsOfEuros('1\u202f234,50\u00a0€')).toBe(123450);
  });

  it('keeps the sign, for the API to refuse a negative price itself', () => {
    expect(centsOfEuros('-3')).toBe(-300);
    expect(centsOfEuros('-0,5')).toBe(-50);
  });

  it('refuses what is no amount of euros and cents', () => {
    for (const text of ['', ' ', 'abc', '2,205', '1.234,5', '2,2,2', '--3', '€', '-', '3e2', '0x10'])
      expect(centsOfEuros(text)).toBeNull();
  });
});

describe('eurosText', () => {
  it('writes cents back as a producer types them', () => {
    expect(eurosText(220)).toBe('2,20');
    expect(eurosText(5)).toBe('0,05');
    expect(eurosText(123450)).toBe('1234,50');
    expect(eurosText(-300)).toBe('-3,00');
    expect(centsOfEuros(eurosText(1999))).toBe(1999);
  });
});

describe('quantityOf', () => {
  it('reads quantities with a comma or a point', () => {
    expect(quantityOf('12,5')).toBe(12.5);
    expect(quantityOf('3')).toBe(3);
    expect(quantityOf('0,125')).toBe(0.125);
    expect(quantityOf('-3')).toBe(-3);
    expect(quantityOf(' 1 000 ')).toBe(1000);
  });

  it('refuses what is no number', () => {
    for (const text of ['', 'abc', '1,2,3', '3e2', '12 kg']) expect(quantityOf(text)).toBeNull();
  });

  it('writes a quantity back with a comma', () => {
    expect(quantityText(12.5)).toBe('12,5');
    expect(quantityText(3)).toBe('3');
  });
});
