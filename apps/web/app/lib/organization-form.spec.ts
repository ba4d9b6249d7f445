import { describe, expect, it } from '@jest/globals';
import { addressFieldOf, changedAddress, organizationFieldOf, organizationValuesOf } from './organization-form';

describe('the organization creation form', () => {
  it('puts each API error next to the field it names', () => {
    expect(organizationFieldOf('name')).toBe('name');
    expect(organizationFieldOf('siret')).toBe('siret');
    expect(organizationFieldOf('address.line1')).toBe('line1');
    expect(organizationFieldOf('address.postalCode')).toBe('postalCode');
    expect(organizationFieldOf('address.city')).toBe('city');
    expect(organizationFieldOf('address.inseeCode')).toBe('city');
  });

  it('leaves an error naming no field of the form above it', () => {
    expect(organizationFieldOf(undefined)).toBeUndefined();
    expect(organizationFieldOf('kind')).toBeUndefined();
    expect(organizationFieldOf('address')).toBeUndefined();
  });

  it('reads what was typed, trimmed, and an absent field as empty', () => {
    const form = new FormData();
    form.set('name', '  Bistrot du Marché ');
    form.set('siret', '123 456 789 01234');
    form.set('line1', '4 place Bonnyaud');
    form.set('postalCode', ' 23000');
    expect(organizationValuesOf(form)).toEqual({
      name: 'Bistrot du Marché',
      siret: '123 456 789 01234',
      line1: '4 place Bonnyaud',
      postalCode: '23000',
      city: '',
    });
  });

  it('sends an address only when it changed, so that an unchanged one keeps its exact position', () => {
    const current = { line1: '4 place Bonnyaud', postalCode: '23000', city: 'Guéret' };
    expect(changedAddress({ line1: '4 place Bonnyaud', postalCode: '23000', city: 'Guéret' }, current)).toEqual({});
    expect(changedAddress({ line1: '5 place Bonnyaud', postalCode: '23000', city: 'Guéret' }, current)).toEqual({
      address: { line1: '5 place Bonnyaud', postalCode: '23000', city: 'Guéret' },
    });
    // No commune typed: the API finds it from the postal code.
    expect(changedAddress({ line1: '4 place Bonnyaud', postalCode: '23000', city: '' }, current)).toEqual({
      address: { line1: '4 place Bonnyaud', postalCode: '23000', city: null },
    });
    expect(changedAddress({ line1: 'Le bourg', postalCode: '23400', city: '' }, { ...current, city: null })).toEqual({
      address: { line1: 'Le bourg', postalCode: '23400', city: null },
    });
  });

  it('puts an address error of an update next to its field, the commune’s position included', () => {
    expect(addressFieldOf('address.latitude')).toBe('city');
    expect(addressFieldOf('address.postalCode')).toBe('postalCode');
    expect(addressFieldOf('name')).toBeUndefined();
  });
});
