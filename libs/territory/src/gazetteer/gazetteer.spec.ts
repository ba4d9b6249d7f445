import { Gazetteer, normalizeName } from './gazetteer';

const gazetteer = Gazetteer.load();

describe('Gazetteer', () => {
  it('finds a current commune with its postal codes, département and région', () => {
    expect(gazetteer.commune('23096')).toMatchObject({
      name: 'Guéret',
      postalCodes: ['23000'],
      departmentCode: '23',
      regionCode: '75',
    });
  });

  it('leads an old code to the commune that replaced it, and a delegated commune to its chef-lieu', () => {
    expect(gazetteer.commune('87010')?.name).toBe('Limoges'); // Limoges absorbed the commune 87010
    expect(gazetteer.commune('01340')?.inseeCode).toBe('01015'); // merged into Arboys en Bugey
  });

  it('keeps Corsican codes and overseas départements', () => {
    expect(gazetteer.commune('2a004')?.name).toBe('Ajaccio');
    expect(gazetteer.department('971')?.name).toBe('Guadeloupe');
  });

  it('lists the communes of a postal code', () => {
    expect(gazetteer.communesWithPostalCode('39300').map((commune) => commune.name)).toContain('Champagnole');
    expect(gazetteer.communesWithPostalCode('00000')).toEqual([]);
  });

  it('searches names without accents, case or hyphens, the exact and the larger first', () => {
    expect(gazetteer.search('gueret', 5)[0].inseeCode).toBe('23096');
    expect(gazetteer.search('LONS LE SAUNIER', 5)[0].inseeCode).toBe('39300');
    expect(gazetteer.search('quimp', 3)[0].name).toBe('Quimper');
    expect(gazetteer.search('saint', 7)).toHaveLength(7);
    expect(gazetteer.search('   ', 5)).toEqual([]);
  });

  it('spells out ligatures, St and Ste as people type them', () => {
    expect(normalizeName('Œufs de Cœur-de-Loire')).toBe('oeufs de coeur de loire');
    expect(normalizeName('St-Étienne')).toBe(normalizeName('Saint-Étienne'));
    expect(normalizeName('Ste Foy')).toBe('sainte foy');
  });

  it('knows France from its boxes, overseas included', () => {
    expect(gazetteer.isInFrance(46.158, 1.87)).toBe(true); // Guéret
    expect(gazetteer.isInFrance(-21.115, 55.536)).toBe(true); // La Réunion
    expect(gazetteer.isInFrance(51.5, -0.12)).toBe(false); // London
    expect(gazetteer.isInFrance(40.4, -3.7)).toBe(false); // Madrid
  });

  it('has a centroid for every département', () => {
    expect(gazetteer.department('23')?.centroid).toEqual({
      latitude: expect.closeTo(46.09, 1),
      longitude: expect.closeTo(2.03, 1),
    });
  });
});
