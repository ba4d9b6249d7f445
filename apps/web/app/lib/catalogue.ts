/**
 * The catalogue's address bar, both ways: the French query parameters of `/produits` (what a visitor bookmarks, what
 * the filter form submits without JavaScript) ↔ the GraphQL `products(filter, sort, first, after)` arguments. Client-safe
 * and free of React: the pages, the sitemap and the unit tests share it.
 */

export const PRODUCT_CATEGORIES = [
  'FRESH_VEGETABLES',
  'FRESH_FRUITS',
  'MEAT_CHARCUTERIE',
  'DAIRY_CHEESE',
  'EGGS',
  'BAKERY',
  'BEVERAGES',
  'DRY_GROCERIES',
  'CRAFTS_NON_FOOD',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const CERTIFICATIONS = ['AB', 'LABEL_ROUGE', 'AOP', 'IGP', 'HVE', 'STG'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

export type ProductSort = 'RELEVANCE' | 'DISTANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NEWEST';

/** The `tri` values of the address bar, in the order the form offers them. */
export const SORTS = {
  pertinence: 'RELEVANCE',
  distance: 'DISTANCE',
  'prix-croissant': 'PRICE_ASC',
  'prix-decroissant': 'PRICE_DESC',
  nouveautes: 'NEWEST',
} as const satisfies Record<string, ProductSort>;
export type SortParam = keyof typeof SORTS;

export const SORT_LABELS: Record<SortParam, string> = {
  pertinence: 'Pertinence',
  distance: 'Distance (avec une commune)',
  'prix-croissant': 'Prix croissant',
  'prix-decroissant': 'Prix décroissant',
  nouveautes: 'Nouveautés',
};

export const RADIUS_CHOICES_KM = [10, 25, 50, 100, 200] as const;
export const DEFAULT_RADIUS_KM = 50;
export const PAGE_SIZE = 20;

/** What `/produits?…` asks for, read from the address bar and checked (unknown values are dropped, never sent). */
export interface CatalogueQuery {
  q: string;
  categorie: ProductCategory | null;
  marque: string | null;
  certification: Certification | null;
  label: boolean;
  commune: string;
  /**
   * Around one of the signed-in person's businesses (its id), when no commune is given: what a member of a business
   * is shown by default. A commune in the address bar always wins over it.
   */
  entreprise: string | null;
  /** No place at all, not even the person's business (the « partout » choice of a business member). */
  partout: boolean;
  rayon: number;
  /** As asked; `effectiveSort` says what applies (distance needs a commune). */
  tri: SortParam | null;
  apres: string | null;
  carte: boolean;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

const trimmed = (value: string | null, max = 100): string => (value ?? '').trim().slice(0, max);

export function parseCatalogueParams(params: URLSearchParams): CatalogueQuery {
  const rayon = Number(params.get('rayon'));
  const marque = trimmed(params.get('marque')).toLowerCase();
  return {
    q: trimmed(params.get('q')),
    categorie: oneOf(PRODUCT_CATEGORIES, params.get('categorie')),
    marque: /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(marque) ? marque : null,
    certification: oneOf(CERTIFICATIONS, params.get('certification')),
    label: params.get('label') === '1',
    commune: trimmed(params.get('commune')),
    entreprise: /^[\w-]{1,64}$/.test(params.get('entreprise') ?? '') ? params.get('entreprise') : null,
    partout: params.get('partout') === '1',
    rayon: (RADIUS_CHOICES_KM as readonly number[]).includes(rayon) ? rayon : DEFAULT_RADIUS_KM,
    tri: oneOf(Object.keys(SORTS) as SortParam[], params.get('tri')),
    apres: trimmed(params.get('apres'), 500) || null,
    carte: params.get('vue') === 'carte',
  };
}

/** The sort that applies: by distance only around a commune; by distance by default around one. */
export function effectiveSort(query: Pick<CatalogueQuery, 'tri'>, hasPlace: boolean): SortParam {
  if (query.tri === 'distance') return hasPlace ? 'distance' : 'pertinence';
  return query.tri ?? (hasPlace ? 'distance' : 'pertinence');
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface ProductsVariables {
  filter: {
    text?: string;
    category?: ProductCategory;
    brandSlug?: string;
    certification?: Certification;
    labelledOnly?: boolean;
    near?: { latitude: number; longitude: number; radiusKm: number };
  };
  sort: ProductSort;
  first: number;
  after: string | null;
}

/** The `products` arguments of a catalogue query, around `place` (the commune the loader resolved) if any. */
export function toProductsVariables(query: CatalogueQuery, place: GeoPoint | null): ProductsVariables {
  const filter: ProductsVariables['filter'] = {};
  if (query.q) filter.text = query.q;
  if (query.categorie) filter.category = query.categorie;
  if (query.marque) filter.brandSlug = query.marque;
  if (query.certification) filter.certification = query.certification;
  if (query.label) filter.labelledOnly = true;
  if (place) filter.near = { latitude: place.latitude, longitude: place.longitude, radiusKm: query.rayon };
  return { filter, sort: SORTS[effectiveSort(query, place !== null)], first: PAGE_SIZE, after: query.apres };
}

/** The address bar of a query: defaults left out, in a stable order (links, canonical forms, the form's key). */
export function toSearchParams(query: Partial<CatalogueQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  // One place at most: the commune typed wins over the business, either over « partout ».
  const entreprise = query.commune ? null : query.entreprise;
  if (query.commune) params.set('commune', query.commune);
  else if (entreprise) params.set('entreprise', entreprise);
  else if (query.partout) params.set('partout', '1');
  if ((query.commune || entreprise) && query.rayon && query.rayon !== DEFAULT_RADIUS_KM)
    params.set('rayon', String(query.rayon));
  if (query.categorie) params.set('categorie', query.categorie);
  if (query.marque) params.set('marque', query.marque);
  if (query.certification) params.set('certification', query.certification);
  if (query.label) params.set('label', '1');
  if (query.tri) params.set('tri', query.tri);
  if (query.apres) params.set('apres', query.apres);
  if (query.carte) params.set('vue', 'carte');
  return params;
}

/** `/produits` with this query (and these changes): every link of the page keeps the visitor's filters. */
export function catalogueHref(query: Partial<CatalogueQuery>, changes: Partial<CatalogueQuery> = {}): string {
  const search = toSearchParams({ ...query, ...changes }).toString();
  return search ? `/produits?${search}` : '/produits';
}

/** A business of the signed-in person, with where it is (its address's coordinates, when known). */
export interface BusinessPlace {
  id: string;
  name: string;
  address: { city: string | null; postalCode: string; latitude: number | null; longitude: number | null };
}

export type CatalogueBusinessPlace =
  | { kind: 'none' }
  | { kind: 'redirect'; href: string }
  /** « partout » chosen: no place, with the way back to the business. */
  | { kind: 'everywhere'; business: BusinessPlace; href: string }
  | { kind: 'business'; business: BusinessPlace; place: GeoPoint };

/**
 * Where a signed-in member of a business searches when the address bar names no commune: around the business it buys
 * for (`buyer`, the one remembered or its first), by a redirect that writes it in the address bar (`?entreprise=`),
 * so that what is shown is what the address says. A commune typed always wins, « partout » means no place, and an
 * `entreprise` that is not one of the person's businesses, or whose position is unknown, is no place either.
 * « partout » keeps a way back to the business.
 */
export function catalogueBusinessPlace(
  query: CatalogueQuery,
  businesses: BusinessPlace[],
  buyer: BusinessPlace | null,
): CatalogueBusinessPlace {
  if (query.commune) return { kind: 'none' };
  const positionOf = (business: BusinessPlace | null | undefined): GeoPoint | null => {
    const { latitude, longitude } = business?.address ?? { latitude: null, longitude: null };
    return latitude !== null && longitude !== null ? { latitude, longitude } : null;
  };
  if (query.partout)
    return buyer && positionOf(buyer)
      ? { kind: 'everywhere', business: buyer, href: catalogueHref(query, { partout: false, entreprise: buyer.id }) }
      : { kind: 'none' };
  if (query.entreprise) {
    const business = businesses.find((candidate) => candidate.id === query.entreprise);
    const place = positionOf(business);
    return business && place ? { kind: 'business', business, place } : { kind: 'none' };
  }
  return buyer && positionOf(buyer)
    ? { kind: 'redirect', href: catalogueHref(query, { entreprise: buyer.id }) }
    : { kind: 'none' };
}

/** How the catalogue names a business's place: « Restaurant Le Comtois (Lons-le-Saunier) ». */
export const businessPlaceLabel = (business: BusinessPlace): string =>
  business.address.city ? `${business.name} (${business.address.city})` : business.name;

/** The commune of a business's address as the commune field reads it back (« Lons-le-Saunier (39000) »). */
export const businessCommune = (business: BusinessPlace): string =>
  business.address.city ? `${business.address.city} (${business.address.postalCode})` : business.address.postalCode;

/** Filters that narrow the catalogue other than the place (what "remove the filters" removes). */
export const hasNarrowingFilters = (query: CatalogueQuery): boolean =>
  Boolean(query.q || query.categorie || query.marque || query.certification || query.label);

/** The next radius offered after this one, if any (the empty state's "widen the search"). */
export const widerRadius = (radiusKm: number): number | null =>
  RADIUS_CHOICES_KM.find((choice) => choice > radiusKm) ?? null;

/** A commune as typed: "Guéret (23000)", "Guéret" or "23000" → what to ask `communes` for. */
export function parseCommuneInput(input: string): { search?: string; postalCode?: string } | null {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const labelled = /^(.*?)\s*\((\d{5})\)$/.exec(text);
  if (labelled) return labelled[1] ? { search: labelled[1], postalCode: labelled[2] } : { postalCode: labelled[2] };
  if (/^\d{5}$/.test(text)) return { postalCode: text };
  if (/^\d{2,4}$/.test(text)) return null;
  return { search: text };
}

export interface CommuneLike {
  inseeCode: string;
  name: string;
  postalCodes: string[];
}

/** How the commune field shows a commune, and how the catalogue reads it back: "Guéret (23000)". */
export const communeLabel = (commune: CommuneLike): string =>
  `${commune.name} (${commune.postalCodes[0] ?? commune.inseeCode})`;

/** Mean Earth radius (IUGG), the one the API uses for `distanceKm`. */
const EARTH_RADIUS_KM = 6371.0088;
const RADIANS = Math.PI / 180;

/** Great-circle (haversine) distance in km, as the API computes the catalogue's distances. */
export function greatCircleKm(from: GeoPoint, to: GeoPoint): number {
  const sinLat = Math.sin(((to.latitude - from.latitude) * RADIANS) / 2);
  const sinLon = Math.sin(((to.longitude - from.longitude) * RADIANS) / 2);
  const h = sinLat * sinLat + Math.cos(from.latitude * RADIANS) * Math.cos(to.latitude * RADIANS) * sinLon * sinLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** The quantity field's step for a unit: thousandths for what is weighed or measured, whole pieces otherwise. */
export const quantityStep = (unit: string): string => (unit === 'PIECE' ? '1' : '0.001');

/** What a product's page links to (by its slug) keep the visitor's commune (distances) without making another canonical page. */
export const productHref = (slug: string, commune?: string | null): string =>
  commune
    ? `/produits/${encodeURIComponent(slug)}?${new URLSearchParams({ commune })}`
    : `/produits/${encodeURIComponent(slug)}`;

export interface MapPoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  /** Products of the page from this place. */
  productCount: number;
  /** What the marker says under the name (else "N produits dans cette liste"). */
  detail?: string;
}

/** The producers of a page of products, once each, where their position is known (the map's markers). */
export function producerPoints(
  products: {
    producer: { id: string; name: string; address: { latitude: number | null; longitude: number | null } };
  }[],
): MapPoint[] {
  const points = new Map<string, MapPoint>();
  for (const { producer } of products) {
    const { latitude, longitude } = producer.address;
    if (latitude === null || longitude === null) continue;
    const point = points.get(producer.id);
    if (point) point.productCount += 1;
    else points.set(producer.id, { id: producer.id, name: producer.name, latitude, longitude, productCount: 1 });
  }
  return [...points.values()];
}

/**
 * The directory's producers on the map, where the API gives a position: its exact place when it sells on site, else
 * its commune's (the API's rule); the marker says which.
 */
export function directoryPoints(
  producers: {
    id: string;
    name: string;
    city: string | null;
    latitude: number | null;
    longitude: number | null;
    productCount: number;
    sellsOnSite: boolean;
  }[],
): MapPoint[] {
  return producers.flatMap(({ id, name, city, latitude, longitude, productCount, sellsOnSite }) => {
    if (latitude === null || longitude === null) return [];
    const products = `${productCount} produit${productCount > 1 ? 's' : ''} en vente`;
    const where = sellsOnSite ? 'vente à la ferme' : `placé au centre de ${city ?? 'sa commune'}`;
    return [{ id, name, latitude, longitude, productCount, detail: `${products} · ${where}` }];
  });
}
