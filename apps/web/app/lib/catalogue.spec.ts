import { describe, expect, it } from '@jest/globals';
import {
  type BusinessPlace,
  businessCommune,
  businessPlaceLabel,
  catalogueBusinessPlace,
  catalogueHref,
  communeLabel,
  DEFAULT_RADIUS_KM,
  effectiveSort,
  greatCircleKm,
  hasNarrowingFilters,
  parseCatalogueParams,
  parseCommuneInput,
  producerPoints,
  directoryPoints,
  productHref,
  quantityStep,
  toProductsVariables,
  widerRadius,
} from './catalogue';

const parse = (search: string) => parseCatalogueParams(new URLSearchParams(search));
const GUERET = { latitude: 46.15847, longitude: 1.87047 };

describe('the catalogue query parameters', () => {
  it('reads every filter of the address bar', () => {
    expect(
      parse(
        'q=miel&categorie=DRY_GROCERIES&marque=made-in-jura&certification=AB&label=1&commune=Gu%C3%A9ret&rayon=25&tri=prix-croissant&apres=abc&vue=carte',
      ),
    ).toEqual({
      q: 'miel',
      categorie: 'DRY_GROCERIES',
      marque: 'made-in-jura',
      certification: 'AB',
      label: true,
      commune: 'Guéret',
      entreprise: null,
      partout: false,
      rayon: 25,
      tri: 'prix-croissant',
      apres: 'abc',
      carte: true,
    });
  });

  it('drops what is not one of the choices instead of sending it to the API', () => {
    const query = parse(
      'categorie=POISSON&certification=bio&rayon=37&tri=hasard&marque=%3Cscript%3E&label=oui&vue=satellite&q=%20%20',
    );
    expect(query).toMatchObject({
      q: '',
      categorie: null,
      certification: null,
      rayon: DEFAULT_RADIUS_KM,
      tri: null,
      marque: null,
      label: false,
      carte: false,
    });
  });

  it('has defaults for an empty address bar: 50 km, no filter, first page', () => {
    expect(parse('')).toEqual({
      q: '',
      categorie: null,
      marque: null,
      certification: null,
      label: false,
      commune: '',
      entreprise: null,
      partout: false,
      rayon: 50,
      tri: null,
      apres: null,
      carte: false,
    });
  });
});

describe('the products query of a catalogue page', () => {
  it('sorts by distance by default around a commune, within the radius', () => {
    expect(toProductsVariables(parse('commune=Gu%C3%A9ret&rayon=100'), GUERET)).toEqual({
      filter: { near: { ...GUERET, radiusKm: 100 } },
      sort: 'DISTANCE',
      first: 20,
      after: null,
    });
  });

  it('never sorts by distance without a place (the API refuses it): relevance instead', () => {
    expect(effectiveSort({ tri: 'distance' }, false)).toBe('pertinence');
    expect(effectiveSort({ tri: null }, false)).toBe('pertinence');
    expect(toProductsVariables(parse('tri=distance&q=comt%C3%A9'), null)).toMatchObject({
      filter: { text: 'comté' },
      sort: 'RELEVANCE',
    });
  });

  it('maps each French sort and filter to the API', () => {
    expect(
      toProductsVariables(
        parse('tri=prix-decroissant&categorie=EGGS&marque=cest-creusois&certification=LABEL_ROUGE&label=1&apres=xyz'),
        GUERET,
      ),
    ).toEqual({
      filter: {
        category: 'EGGS',
        brandSlug: 'cest-creusois',
        certification: 'LABEL_ROUGE',
        labelledOnly: true,
        near: { ...GUERET, radiusKm: 50 },
      },
      sort: 'PRICE_DESC',
      first: 20,
      after: 'xyz',
    });
    expect(toProductsVariables(parse('tri=prix-croissant'), null).sort).toBe('PRICE_ASC');
    expect(toProductsVariables(parse('tri=nouveautes'), null).sort).toBe('NEWEST');
  });
});

describe('the links of a catalogue page', () => {
  it('keep the filters and leave the defaults out', () => {
    const query = parse('commune=Gu%C3%A9ret+(23000)&rayon=50&categorie=BAKERY&tri=distance&apres=c1');
    expect(catalogueHref(query, { apres: 'c2' })).toBe(
      '/produits?commune=Gu%C3%A9ret+%2823000%29&categorie=BAKERY&tri=distance&apres=c2',
    );
    expect(catalogueHref(query, { apres: null })).toBe(
      '/produits?commune=Gu%C3%A9ret+%2823000%29&categorie=BAKERY&tri=distance',
    );
    expect(catalogueHref(query, { carte: true, apres: null })).toContain('vue=carte');
    expect(catalogueHref(parse(''))).toBe('/produits');
  });

  it('read back as the same query (a round trip through the address bar)', () => {
    const query = parse('q=cidre&commune=29000&rayon=200&certification=AOP&label=1&tri=nouveautes&apres=c&vue=carte');
    expect(parse(catalogueHref(query).split('?')[1])).toEqual(query);
  });

  it('keep the radius only with a commune', () => {
    expect(catalogueHref({ rayon: 100 })).toBe('/produits');
    expect(catalogueHref({ commune: '23000', rayon: 100 })).toBe('/produits?commune=23000&rayon=100');
  });

  it('offer a wider radius while there is one, and say when filters narrow the search', () => {
    expect(widerRadius(10)).toBe(25);
    expect(widerRadius(50)).toBe(100);
    expect(widerRadius(200)).toBeNull();
    expect(hasNarrowingFilters(parse('commune=Gu%C3%A9ret&rayon=10'))).toBe(false);
    expect(hasNarrowingFilters(parse('label=1'))).toBe(true);
  });

  it('lead to a product page that keeps the commune (for its distance)', () => {
    expect(productHref('comte-aop-18-mois')).toBe('/produits/comte-aop-18-mois');
    expect(productHref('comte-aop-18-mois', 'Guéret (23000)')).toBe(
      '/produits/comte-aop-18-mois?commune=Gu%C3%A9ret+%2823000%29',
    );
  });
});

describe("a business member's catalogue, around their business", () => {
  const comtois: BusinessPlace = {
    id: 'org-1',
    name: 'Restaurant Le Comtois',
    address: { city: 'Lons-le-Saunier', postalCode: '39000', latitude: 46.67579, longitude: 5.55745 },
  };
  const unplaced: BusinessPlace = {
    id: 'org-2',
    name: 'Traiteur sans adresse',
    address: { city: null, postalCode: '23000', latitude: null, longitude: null },
  };

  it('writes the business in the address bar when no place is given, keeping the other filters', () => {
    expect(catalogueBusinessPlace(parse('categorie=BAKERY&rayon=25'), [comtois], comtois)).toEqual({
      kind: 'redirect',
      href: '/produits?entreprise=org-1&rayon=25&categorie=BAKERY',
    });
  });

  it('searches around the business the address bar names, if it is one of the person’s and placed', () => {
    expect(catalogueBusinessPlace(parse('entreprise=org-1'), [comtois, unplaced], unplaced)).toEqual({
      kind: 'business',
      business: comtois,
      place: { latitude: 46.67579, longitude: 5.55745 },
    });
    expect(catalogueBusinessPlace(parse('entreprise=org-9'), [comtois], comtois)).toEqual({ kind: 'none' });
    expect(catalogueBusinessPlace(parse('entreprise=org-2'), [comtois, unplaced], comtois)).toEqual({ kind: 'none' });
  });

  it('lets a commune typed, or « partout » (with a way back), win; and has no place for a business without a position', () => {
    expect(catalogueBusinessPlace(parse('commune=Gu%C3%A9ret&entreprise=org-1'), [comtois], comtois)).toEqual({
      kind: 'none',
    });
    expect(catalogueBusinessPlace(parse('partout=1&categorie=EGGS'), [comtois], comtois)).toEqual({
      kind: 'everywhere',
      business: comtois,
      href: '/produits?entreprise=org-1&categorie=EGGS',
    });
    expect(catalogueBusinessPlace(parse('partout=1'), [unplaced], unplaced)).toEqual({ kind: 'none' });
    expect(catalogueBusinessPlace(parse(''), [unplaced], unplaced)).toEqual({ kind: 'none' });
    expect(catalogueBusinessPlace(parse(''), [comtois], null)).toEqual({ kind: 'none' });
  });

  it('keeps one place at most in its links: the commune, else the business, else « partout »', () => {
    expect(catalogueHref(parse('commune=39000&entreprise=org-1&partout=1'))).toBe('/produits?commune=39000');
    expect(catalogueHref(parse('entreprise=org-1&partout=1&rayon=100'))).toBe('/produits?entreprise=org-1&rayon=100');
    expect(catalogueHref(parse('partout=1&rayon=100'))).toBe('/produits?partout=1');
    expect(parse('entreprise=%3Cscript%3E').entreprise).toBeNull();
  });

  it('names the business and its commune', () => {
    expect(businessPlaceLabel(comtois)).toBe('Restaurant Le Comtois (Lons-le-Saunier)');
    expect(businessCommune(comtois)).toBe('Lons-le-Saunier (39000)');
    expect(businessPlaceLabel(unplaced)).toBe('Traiteur sans adresse');
  });
});

describe('a commune as a visitor types it', () => {
  it('reads "Name (postal code)", a name alone, or a postal code alone', () => {
    expect(parseCommuneInput('Guéret (23000)')).toEqual({ search: 'Guéret', postalCode: '23000' });
    expect(parseCommuneInput('  Guéret  ')).toEqual({ search: 'Guéret' });
    expect(parseCommuneInput('23000')).toEqual({ postalCode: '23000' });
    expect(parseCommuneInput('(23000)')).toEqual({ postalCode: '23000' });
    expect(parseCommuneInput('Saint-Sulpice-le-Guérétois (23000)')).toEqual({
      search: 'Saint-Sulpice-le-Guérétois',
      postalCode: '23000',
    });
  });

  it('asks nothing for an empty field or a partial postal code', () => {
    expect(parseCommuneInput('')).toBeNull();
    expect(parseCommuneInput('   ')).toBeNull();
    expect(parseCommuneInput('230')).toBeNull();
  });

  it('is shown back as the suggestions show it', () => {
    expect(communeLabel({ inseeCode: '23096', name: 'Guéret', postalCodes: ['23000'] })).toBe('Guéret (23000)');
    expect(communeLabel({ inseeCode: '75056', name: 'Paris', postalCodes: [] })).toBe('Paris (75056)');
  });
});

describe('distances and quantities', () => {
  it('measures great-circle kilometres as the API does', () => {
    // Guéret to Bourganeuf (the demo's Élevage du Thaurion): the API answers 25.36 km.
    expect(greatCircleKm(GUERET, { latitude: 45.94721, longitude: 1.74662 })).toBeCloseTo(25.3609, 3);
    expect(greatCircleKm(GUERET, GUERET)).toBe(0);
  });

  it('steps by thousandths for what is weighed or measured, by whole pieces otherwise', () => {
    expect(quantityStep('KG')).toBe('0.001');
    expect(quantityStep('LITRE')).toBe('0.001');
    expect(quantityStep('PIECE')).toBe('1');
  });

  it('puts each producer of a page once on the map, where its position is known', () => {
    const producer = (id: string, latitude: number | null) => ({
      producer: { id, name: `P${id}`, address: { latitude, longitude: latitude === null ? null : 1 } },
    });
    expect(producerPoints([producer('a', 46), producer('b', null), producer('a', 46), producer('c', 47)])).toEqual([
      { id: 'a', name: 'Pa', latitude: 46, longitude: 1, productCount: 2 },
      { id: 'c', name: 'Pc', latitude: 47, longitude: 1, productCount: 1 },
    ]);
  });

  it("puts the directory's producers where the API places them, and says whether that is the farm or its commune", () => {
    const producer = (id: string, latitude: number | null, sellsOnSite: boolean, productCount = 1) => ({
      id,
      name: `P${id}`,
      city: 'Guéret',
      latitude,
      longitude: latitude === null ? null : 1,
      productCount,
      sellsOnSite,
    });
    expect(directoryPoints([producer('a', 46, true, 3), producer('b', null, true), producer('c', 47, false)])).toEqual([
      {
        id: 'a',
        name: 'Pa',
        latitude: 46,
        longitude: 1,
        productCount: 3,
        detail: '3 produits en vente · vente à la ferme',
      },
      {
        id: 'c',
        name: 'Pc',
        latitude: 47,
        longitude: 1,
        productCount: 1,
        detail: '1 produit en vente · placé au centre de Guéret',
      },
    ]);
  });
});
