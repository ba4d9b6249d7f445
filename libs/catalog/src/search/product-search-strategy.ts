import { EARTH_RADIUS_KM } from '@app/carbon';
import type { Certification, Product, ProductCategory } from '../entities/product.entity';
import { encodeCursor, type ProductCursor, ProductSort } from './product-cursor';
import type { CartCatalog } from './catalog-read-model';

/**
 * The catalog search, one implementation per database (`PostgresProductSearch`, `SqliteProductSearch`), chosen once
 * by `ProductSearchService` from the configured database. The service checks the request and resolves what needs
 * the other contexts (a brand's slug); a strategy turns the checked query into SQL for its database.
 */
export interface ProductSearchStrategy {
  /** Whether RELEVANCE ranks by the text here; where it cannot, the service sorts by NEWEST instead. */
  readonly ranksText: boolean;
  /** A page of active products matching `query`, in its sort, after its cursor. */
  search(query: CatalogQuery): Promise<ProductPage>;
  /** The active product of this id (a UUID) or slug with what a product page shows, or null. */
  activeProduct(key: ProductKey): Promise<Product | null>;
  /** What a cart names, in one statement: PostgreSQL only (on SQLite `CartReader` reads it through the services). */
  cartCatalog?(productIds: readonly string[]): Promise<CartCatalog>;
}

/** How a product page names its product: by id (a UUID), or by slug (its public address). */
export type ProductKey = { id: string } | { slug: string };

/** A checked search request: what a strategy turns into SQL. */
export interface CatalogQuery {
  category?: ProductCategory | null;
  producerId?: string | null;
  certification?: Certification | null;
  /** Only products carrying an approved, unsuspended label (of this brand when `brandId` is given). */
  labelled: boolean;
  brandId?: string;
  /** The normalized search text, '' for none. */
  text: string;
  near?: { latitude: number; longitude: number; radiusKm: number };
  /** The order rows are read in (RELEVANCE without a rankable text reads NEWEST). */
  sort: ProductSort;
  /** The order the client asked for: its cursors carry it. */
  requestedSort: ProductSort;
  first: number;
  cursor?: ProductCursor;
}

export interface ProductPage {
  products: (Product & { distanceKm?: number })[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * `totalCount` is exact up to this many products; beyond, it says TOTAL_COUNT_CAP + 1 (more than the cap), which the
 * pages show as "plus de 1 000 produits" (apps/web `productCount`). The count reads one row per product it counts,
 * heap included on a table whose stock changes all day: at 10,000 it was 4.2 ms of the listing's 4.9 ms statement on
 * 100,000 products, at 1,000 0.4 ms. No page shows more than a page of 20 and a way to narrow the search.
 */
export const TOTAL_COUNT_CAP = 1_000;

/** What a cursor and an in-memory sort need of a product. */
export interface Candidate {
  id: string;
  created_at: string | number | Date;
  price_cents: number;
  rank?: number;
  distanceKm?: number;
}

export function emptyPage(): ProductPage {
  return { products: [], cursors: [], hasNextPage: false, totalCount: 0 };
}

/** The page of `first` products out of `slice` (read with one more, to know whether a next page exists). */
export function pageOf<T extends Candidate>(
  slice: T[],
  query: CatalogQuery,
  totalCount: number,
  productOf: (candidate: T) => Product,
): ProductPage {
  const shown = slice.slice(0, query.first);
  return {
    products: shown.map((candidate) =>
      Object.assign(
        productOf(candidate),
        candidate.distanceKm === undefined ? {} : { distanceKm: candidate.distanceKm },
      ),
    ),
    cursors: shown.map((candidate) =>
      encodeCursor({ sort: query.requestedSort, value: sortValue(candidate, query.sort), id: candidate.id }),
    ),
    hasNextPage: slice.length > query.first,
    totalCount,
  };
}

/**
 * Placeholders of one statement: `?` for SQLite (in the order of the text), `$n` for PostgreSQL (any order, a value
 * can be referred to twice).
 */
export class SqlValues {
  readonly values: unknown[] = [];
  constructor(private readonly numbered: boolean) {}

  /** The placeholder of `value` in the statement. */
  add(value: unknown): string {
    this.values.push(value);
    return this.numbered ? `$${this.values.length}` : '?';
  }
}

/**
 * The conditions on the product `p` both databases write alike: active, category, producer, labels (of a brand).
 * `certification` and `text` are each strategy's; `near`'s box on the producers is `boxCondition`.
 */
export function commonConditions(query: CatalogQuery, sql: SqlValues): string[] {
  const where = ['p.active = true'];
  if (query.category) where.push(`p.category = ${sql.add(query.category)}`);
  if (query.producerId) where.push(`p.producer_id = ${sql.add(query.producerId)}`);
  if (query.labelled) {
    const label = ['pl.product_id = p.id', "pl.status = 'APPROVED'", 'pl.suspended = false'];
    if (query.brandId) label.push(`pl.brand_id = ${sql.add(query.brandId)}`);
    where.push(`exists (select 1 from product_label pl where ${label.join(' and ')})`);
  }
  return where;
}

/** The bounding box of `near` on the producers' positions (`cp`): what the position index reads. */
export function boxCondition(near: NonNullable<CatalogQuery['near']>, sql: SqlValues): string {
  const box = boundingBox(near.latitude, near.longitude, near.radiusKm);
  return `cp.latitude between ${sql.add(box.south)} and ${sql.add(box.north)} and cp.longitude between ${sql.add(box.west)} and ${sql.add(box.east)}`;
}

const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;

/** The smallest latitude/longitude box holding the circle: what the position index can read. */
export function boundingBox(latitude: number, longitude: number, radiusKm: number) {
  const latitudeDelta = radiusKm / KM_PER_DEGREE;
  const widestLatitude = Math.min(89.9, Math.abs(latitude) + latitudeDelta);
  const longitudeDelta = latitudeDelta / Math.cos((widestLatitude * Math.PI) / 180);
  return {
    south: latitude - latitudeDelta,
    north: latitude + latitudeDelta,
    west: longitude - longitudeDelta,
    east: longitude + longitudeDelta,
  };
}

const timeOf = (value: Candidate['created_at']) =>
  value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);

export function sortValue(candidate: Candidate, sort: ProductSort): string | number {
  switch (sort) {
    case ProductSort.DISTANCE:
      return candidate.distanceKm!;
    case ProductSort.PRICE_ASC:
    case ProductSort.PRICE_DESC:
      return Number(candidate.price_cents);
    case ProductSort.RELEVANCE:
      return Number(candidate.rank);
    default:
      return candidate.created_at instanceof Date ? candidate.created_at.toISOString() : candidate.created_at;
  }
}

/** Descending sorts break ties by descending id, ascending ones by ascending id: every order is total. */
export const DESCENDING = new Set([ProductSort.NEWEST, ProductSort.PRICE_DESC, ProductSort.RELEVANCE]);

/** The column a sort reads. */
export function sortColumn(sort: ProductSort): string {
  return {
    [ProductSort.NEWEST]: 'created_at',
    [ProductSort.PRICE_ASC]: 'price_cents',
    [ProductSort.PRICE_DESC]: 'price_cents',
    [ProductSort.RELEVANCE]: 'rank',
    [ProductSort.DISTANCE]: 'distance_km',
  }[sort];
}

export function orderBy(sort: ProductSort, prefix = ''): string {
  const direction = DESCENDING.has(sort) ? 'desc' : 'asc';
  return `${prefix}${sortColumn(sort)} ${direction}, ${prefix}id ${direction}`;
}

export function comparatorFor(sort: ProductSort) {
  const key = (candidate: Candidate): number =>
    sort === ProductSort.DISTANCE
      ? candidate.distanceKm!
      : sort === ProductSort.NEWEST
        ? timeOf(candidate.created_at)
        : sort === ProductSort.RELEVANCE
          ? Number(candidate.rank)
          : Number(candidate.price_cents);
  const sign = DESCENDING.has(sort) ? -1 : 1;
  return (a: Candidate, b: Candidate) => sign * (key(a) - key(b)) || sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether `candidate` comes after the cursor in `sort`. */
export function isAfter(candidate: Candidate, cursor: ProductCursor, sort: ProductSort): boolean {
  const value = cursor.value;
  const cursorCandidate: Candidate = {
    id: cursor.id,
    distanceKm: Number(value),
    rank: Number(value),
    price_cents: Number(value),
    created_at: value,
  };
  return comparatorFor(sort)(candidate, cursorCandidate) > 0;
}
