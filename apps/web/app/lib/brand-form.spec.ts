import { describe, expect, it } from '@jest/globals';
import { brandFieldOf, brandValuesOf, departmentCodesOf, suggestedSlug } from './brand-form';

describe('the brand creation form', () => {
  it('puts each API error next to the field it names, the organization’s as its own form does', () => {
    expect(brandFieldOf('name')).toBe('name');
    expect(brandFieldOf('slug')).toBe('slug');
    expect(brandFieldOf('departmentCodes')).toBe('departmentCodes');
    expect(brandFieldOf('charter')).toBe('charter');
    expect(brandFieldOf('siret')).toBe('siret');
    expect(brandFieldOf('address.postalCode')).toBe('postalCode');
    expect(brandFieldOf('address.inseeCode')).toBe('city');
    expect(brandFieldOf('organizationId')).toBeUndefined();
    expect(brandFieldOf(undefined)).toBeUndefined();
  });

  it('reads the départements however they are separated, upper-case', () => {
    expect(departmentCodesOf('39, 25 et 70')).toEqual(['39', '25', '70']);
    expect(departmentCodesOf(' 2a;971  23 ')).toEqual(['2A', '971', '23']);
    expect(departmentCodesOf('   ')).toEqual([]);
  });

  it('proposes the page’s address from the name: no accents, words joined by hyphens', () => {
    expect(suggestedSlug('C’est creusois')).toBe('c-est-creusois');
    expect(suggestedSlug('  Tout commence en Finistère ! ')).toBe('tout-commence-en-finistere');
    expect(suggestedSlug('Cœur de Loire')).toBe('coeur-de-loire');
    expect(suggestedSlug('')).toBe('');
  });

  it('reads what was typed, trimmed, and an absent field as empty', () => {
    const form = new FormData();
    form.set('name', '  Saveurs du Morvan ');
    form.set('departmentCodes', '58, 71');
    const values = brandValuesOf(form);
    expect(values.name).toBe('Saveurs du Morvan');
    expect(values.departmentCodes).toBe('58, 71');
    expect(values.charter).toBe('');
    expect(values.siret).toBe('');
  });
});
