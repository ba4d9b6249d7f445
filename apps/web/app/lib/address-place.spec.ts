import { describe, expect, it } from '@jest/globals';
import { placeOfAddress } from './address-place';

describe('where an address was placed, in French', () => {
  it('says the precision and the coordinates, west and south included', () => {
    expect(placeOfAddress({ precision: 'ADDRESS', latitude: 48.36286, longitude: -4.39114 })).toBe(
      'Placée à l’adresse exacte (48,3629 N, 4,3911 O).',
    );
    expect(placeOfAddress({ precision: 'COMMUNE', city: 'Guéret', latitude: 46.1585, longitude: 1.8705 })).toMatch(
      /^Placée au centre de la commune de Guéret \(46,1585 N, 1,8705 E\)\u00a0: /,
    );
    expect(placeOfAddress({ precision: 'ADDRESS', latitude: -21.1151, longitude: 55.5364 })).toBe(
      'Placée à l’adresse exacte (21,1151 S, 55,5364 E).',
    );
  });

  it('warns that a place known only by its département makes distances approximate', () => {
    expect(placeOfAddress({ precision: 'DEPARTMENT', departmentCode: '23', latitude: 46.09, longitude: 2.02 })).toMatch(
      /^Placée seulement au centre du département 23 \(46,0900 N, 2,0200 E\)\u00a0: .*approximatives\.$/,
    );
  });
});
