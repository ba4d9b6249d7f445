import { greatCircleKm } from '@app/carbon';
import { type Product, ProductCategory } from '../entities/product.entity';
import { decodeCursor, ProductSort } from './product-cursor';
import {
  boundingBox,
  boxCondition,
  type Candidate,
  type CatalogQuery,
  commonConditions,
  comparatorFor,
  isAfter,
  orderBy,
  pageOf,
  SqlValues,
} from './product-search-strategy';

const query = (overrides: Partial<CatalogQuery> = {}): CatalogQuery => ({
  labelled: false,
  text: '',
  sort: ProductSort.NEWEST,
  requestedSort: ProductSort.NEWEST,
  first: 2,
  ...overrides,
});

describe('the search shared by both databases', () => {
  it('numbers PostgreSQL placeholders and keeps SQLite ones positional, values in the order of the text', () => {
    const filters = query({
      category: ProductCategory.DAIRY_CHEESE,
      producerId: 'p-1',
      labelled: true,
      brandId: 'b-1',
    });
    const numbered = new SqlValues(true);
    expect(commonConditions(filters, numbered)).toEqual([
      'p.active = true',
      'p.category = $1',
      'p.producer_id = $2',
      "exists (select 1 from product_label pl where pl.product_id = p.id and pl.status = 'APPROVED' and pl.suspended = false and pl.brand_id = $3)",
    ]);
    expect(numbered.values).toEqual(['DAIRY_CHEESE', 'p-1', 'b-1']);
    const positional = new SqlValues(false);
    expect(commonConditions(filters, positional).join(' ')).not.toMatch(/\$\d/);
    expect(positional.values).toEqual(['DAIRY_CHEESE', 'p-1', 'b-1']);
  });

  it('narrows a radius search to a box holding the whole circle', () => {
    const centre = { latitude: 46.158, longitude: 1.87 };
    const box = boundingBox(centre.latitude, centre.longitude, 50);
    expect(boxCondition({ ...centre, radiusKm: 50 }, new SqlValues(true))).toBe(
      'cp.latitude between $1 and $2 and cp.longitude between $3 and $4',
    );
    // The circle's northernmost, southernmost, easternmost and westernmost points are inside the box.
    for (const bearing of [0, 90, 180, 270]) {
      const radians = (bearing * Math.PI) / 180;
      const point = {
        latitude: centre.latitude + (Math.cos(radians) * 50) / 111.2,
        longitude: centre.longitude + (Math.sin(radians) * 50) / (111.2 * Math.cos((centre.latitude * Math.PI) / 180)),
      };
      expect(greatCircleKm(centre, point)).toBeLessThan(50.5);
      expect(point.latitude).toBeGreaterThan(box.south);
      expect(point.latitude).toBeLessThan(box.north);
      expect(point.longitude).toBeGreaterThan(box.west);
      expect(point.longitude).toBeLessThan(box.east);
    }
  });

  it('orders every sort totally, ties broken by id in the sort direction', () => {
    const a: Candidate = { id: 'a', created_at: '2026-12-01T10:00:00Z', price_cents: 300, distanceKm: 2 };
    const b: Candidate = { id: 'b', created_at: '2026-12-01T10:00:00Z', price_cents: 300, distanceKm: 2 };
    const c: Candidate = { id: 'c', created_at: '2026-12-02T10:00:00Z', price_cents: 100, distanceKm: 1 };
    const sorted = (sort: ProductSort) => [b, c, a].sort(comparatorFor(sort)).map((candidate) => candidate.id);
    expect(sorted(ProductSort.NEWEST)).toEqual(['c', 'b', 'a']);
    expect(sorted(ProductSort.PRICE_ASC)).toEqual(['c', 'a', 'b']);
    expect(sorted(ProductSort.PRICE_DESC)).toEqual(['b', 'a', 'c']);
    expect(sorted(ProductSort.DISTANCE)).toEqual(['c', 'a', 'b']);
    expect(orderBy(ProductSort.NEWEST, 'page.')).toBe('page.created_at desc, page.id desc');
    expect(orderBy(ProductSort.DISTANCE)).toBe('distance_km asc, id asc');
    expect(isAfter(b, { sort: ProductSort.DISTANCE, value: 2, id: 'a' }, ProductSort.DISTANCE)).toBe(true);
    expect(isAfter(c, { sort: ProductSort.DISTANCE, value: 2, id: 'a' }, ProductSort.DISTANCE)).toBe(false);
  });

  it('pages: first products shown, a next page when one more was read, cursors in the requested sort', () => {
    const candidates: Candidate[] = [
      { id: 'a', created_at: '2026-12-03T10:00:00.000Z', price_cents: 100, distanceKm: 1.5 },
      { id: 'b', created_at: '2026-12-02T10:00:00.000Z', price_cents: 200, distanceKm: 2.5 },
      { id: 'c', created_at: '2026-12-01T10:00:00.000Z', price_cents: 300, distanceKm: 3.5 },
    ];
    const product = (candidate: Candidate) => ({ id: candidate.id }) as Product;
    const page = pageOf(
      candidates,
      query({ sort: ProductSort.DISTANCE, requestedSort: ProductSort.DISTANCE }),
      3,
      product,
    );
    expect(page.products).toEqual([
      { id: 'a', distanceKm: 1.5 },
      { id: 'b', distanceKm: 2.5 },
    ]);
    expect(page.hasNextPage).toBe(true);
    expect(page.totalCount).toBe(3);
    expect(decodeCursor(page.cursors[1], ProductSort.DISTANCE)).toEqual({
      sort: ProductSort.DISTANCE,
      value: 2.5,
      id: 'b',
    });
    // RELEVANCE read as NEWEST (no rankable text): the cursor belongs to RELEVANCE and carries the date.
    const relevance = pageOf(
      candidates.slice(0, 2),
      query({ sort: ProductSort.NEWEST, requestedSort: ProductSort.RELEVANCE }),
      2,
      product,
    );
    expect(relevance.hasNextPage).toBe(false);
    expect(decodeCursor(relevance.cursors[0], ProductSort.RELEVANCE).value).toBe('2026-12-03T10:00:00.000Z');
  });
});
