import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { EARTH_RADIUS_KM, greatCircleKm } from '@app/carbon';
import { APP_CONFIG, type AppConfig, AppError, isUuid } from '@app/platform';
import { BrandService, normalizeName } from '@app/territory';
import { type Certification, Product, type ProductCategory } from '../entities/product.entity';
import { productColumns, productOfRow, relationColumns } from './catalog-read-model';
import { decodeCursor, encodeCursor, type ProductCursor, ProductSort } from './product-cursor';

export interface ProductFilterValues {
  text?: string | null;
  category?: ProductCategory | null;
  brandSlug?: string | null;
  producerId?: string | null;
  certification?: Certification | null;
  labelledOnly?: boolean | null;
  near?: { latitude: number; longitude: number; radiusKm: number } | null;
}

export interface ProductPage {
  products: (Product & { distanceKm?: number })[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

type ReadRow = Record<string, unknown> & { total_count: number | string; distance_km?: number; rank?: number };

interface Candidate {
  id: string;
  created_at: string | number | Date;
  price_cents: number;
  latitude: number | null;
  longitude: number | null;
  rank?: number;
  distanceKm?: number;
}

const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;
/**
 * The great-circle distance (haversine, the R of `@app/carbon`) from (?, ?) latitude twice then longitude, to the
 * producer, in SQL for PostgreSQL's radius search: the same formula as `greatCircleKm`, evaluated where the rows are.
 */
const greatCircleSql = `2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(power(sin(radians(cp.latitude - ?) / 2), 2) + cos(radians(?)) * cos(radians(cp.latitude)) * power(sin(radians(cp.longitude - ?) / 2), 2))))`;
/** `totalCount` is exact up to this many products; beyond, it says TOTAL_COUNT_CAP + 1 (more than the cap). */
export const TOTAL_COUNT_CAP = 10_000;
/** Local search: beyond this, a radius would read most of the catalog into memory for one anonymous request. */
const MAX_RADIUS_KM = 300;

/**
 * The public catalog search. Without `near`, PostgreSQL (or SQLite) sorts and pages with a keyset cursor. With
 * `near`, a bounding box on the producers' position index narrows the candidates, then the exact great-circle
 * distance filters and sorts them.
 */
@Injectable()
export class ProductSearchService {
  constructor(
    private readonly orm: MikroORM,
    private readonly brands: BrandService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async search(
    filter: ProductFilterValues,
    sort: ProductSort,
    first: number,
    after?: string | null,
  ): Promise<ProductPage> {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw AppError.badInput('first', 'first must be between 1 and 100.');
    if (sort === ProductSort.DISTANCE && !filter.near)
      throw AppError.badInput('sort', 'Sorting by distance needs filter.near.');
    const near = filter.near ? checkedNear(filter.near) : undefined;
    const cursor = after ? decodeCursor(after, sort) : undefined;
    const text = filter.text ? normalizeName(filter.text) : '';
    const ranked = sort === ProductSort.RELEVANCE && text !== '' && this.postgres;
    const effectiveSort = sort === ProductSort.RELEVANCE && !ranked ? ProductSort.NEWEST : sort;

    const where: string[] = ['p.active = true'];
    const params: unknown[] = [];
    if (filter.category) {
      where.push('p.category = ?');
      params.push(filter.category);
    }
    if (filter.producerId) {
      if (!isUuid(filter.producerId)) return emptyPage();
      where.push('p.producer_id = ?');
      params.push(filter.producerId);
    }
    if (filter.certification) {
      where.push(`${this.postgres ? 'p.certifications::text' : 'p.certifications'} like ?`);
      params.push(`%"${filter.certification}"%`);
    }
    if (filter.brandSlug || filter.labelledOnly) {
      const label = ['pl.product_id = p.id', "pl.status = 'APPROVED'", 'pl.suspended = false'];
      if (filter.brandSlug) {
        const brand = await this.brands.bySlug(filter.brandSlug);
        if (!brand) return emptyPage();
        label.push('pl.brand_id = ?');
        params.push(brand.id);
      }
      where.push(`exists (select 1 from product_label pl where ${label.join(' and ')})`);
    }
    if (text) {
      if (this.postgres) {
        where.push("to_tsvector('french', p.search_text) @@ plainto_tsquery('french', ?)");
        params.push(text);
      } else {
        for (const word of text.split(' ')) {
          where.push('p.search_text like ?');
          params.push(`%${word}%`);
        }
      }
    }
    if (near) {
      const box = boundingBox(near.latitude, near.longitude, near.radiusKm);
      where.push('cp.latitude between ? and ? and cp.longitude between ? and ?');
      params.push(box.south, box.north, box.west, box.east);
    }

    // float8, so that the rank a cursor carries compares equal to itself on the next page.
    const rankColumn = ranked
      ? ", ts_rank(to_tsvector('french', p.search_text), plainto_tsquery('french', ?))::float8 as rank"
      : '';
    const rankParams = ranked ? [text] : [];
    const from = `from product p ${near ? 'join' : 'left join'} catalog_producer cp on cp.producer_id = p.producer_id where ${where.join(' and ')}`;
    const em = this.orm.em.fork() as EntityManager;

    if (near && this.postgres) {
      // One statement: the distance computed once, the radius filtered, counted (`count(*) over ()`), sorted and
      // paged where the rows are; the page's products come with their producer and labels (the read model).
      const distanceParams = [near.latitude, near.latitude, near.longitude];
      const inRadius = `select * from (select p.id, p.created_at, p.price_cents, ${greatCircleSql} as distance_km${rankColumn} ${from}) c where distance_km <= ?`;
      const inRadiusParams = [...distanceParams, ...rankParams, ...params, near.radiusKm];
      const keyset = cursor ? keysetCondition(effectiveSort, cursor, true) : undefined;
      const rows = await em.execute<ReadRow[]>(
        `with counted as (select *, count(*) over () as total_count from (${inRadius}) in_radius),
           page as (select * from counted${keyset ? ` where ${keyset.sql}` : ''} order by ${orderBy(effectiveSort)} limit ${first + 1})
         select page.total_count, page.distance_km${ranked ? ', page.rank' : ''}, ${productColumns(em, 'p')}, ${relationColumns(false)}
         from page join product p on p.id = page.id order by ${orderBy(effectiveSort, 'page.')}`,
        [...inRadiusParams, ...(keyset?.params ?? [])],
      );
      const total = rows.length
        ? Number(rows[0].total_count)
        : cursor
          ? await this.count(em, `select count(*) as count from (${inRadius}) counted`, inRadiusParams)
          : 0;
      return this.readPage(em, rows, first, effectiveSort, sort, total);
    }

    if (near) {
      const candidates = await em.execute<Candidate[]>(
        `select p.id, p.created_at, p.price_cents, cp.latitude, cp.longitude${rankColumn} ${from}`,
        [...rankParams, ...params],
      );
      const inRadius = candidates
        .map((candidate) => ({
          ...candidate,
          distanceKm: greatCircleKm(near, { latitude: candidate.latitude!, longitude: candidate.longitude! }),
        }))
        .filter((candidate) => candidate.distanceKm <= near.radiusKm)
        .sort(comparatorFor(effectiveSort));
      const start = cursor ? inRadius.findIndex((candidate) => isAfter(candidate, cursor, effectiveSort)) : 0;
      const slice = start < 0 ? [] : inRadius.slice(start, start + first + 1);
      return this.page(em, slice, first, effectiveSort, sort, inRadius.length);
    }

    const order = orderBy(effectiveSort);
    const keyset = cursor ? keysetCondition(effectiveSort, cursor, this.postgres) : undefined;
    const ranking = `select p.id, p.created_at, p.price_cents${rankColumn} ${from}`;
    // The count stops at TOTAL_COUNT_CAP + 1 rows: a page never needs the exact size of a large catalog.
    const capped = `select count(*) as count from (select 1 ${from} limit ${TOTAL_COUNT_CAP + 1}) capped`;
    if (this.postgres) {
      const rows = await em.execute<ReadRow[]>(
        `with page as (select * from (${ranking}) ranked${keyset ? ` where ${keyset.sql}` : ''} order by ${order} limit ${first + 1})
         select (${capped}) as total_count${ranked ? ', page.rank' : ''}, ${productColumns(em, 'p')}, ${relationColumns(false)}
         from page join product p on p.id = page.id order by ${orderBy(effectiveSort, 'page.')}`,
        [...rankParams, ...params, ...(keyset?.params ?? []), ...params],
      );
      const total = rows.length ? Number(rows[0].total_count) : cursor ? await this.count(em, capped, params) : 0;
      return this.readPage(em, rows, first, effectiveSort, sort, total);
    }
    const count = await this.count(em, capped, params);
    const candidates = await em.execute<Candidate[]>(
      `select * from (${ranking}) ranked${keyset ? ` where ${keyset.sql}` : ''} order by ${order} limit ${first + 1}`,
      [...rankParams, ...params, ...(keyset?.params ?? [])],
    );
    return this.page(em, candidates, first, effectiveSort, sort, count);
  }

  private async count(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
    const [{ count }] = await em.execute<{ count: number | string }[]>(sql, params);
    return Number(count);
  }

  /** A page of the read model: the products come in the rows, with their relations for the request's loaders. */
  private readPage(
    em: EntityManager,
    rows: ReadRow[],
    first: number,
    effectiveSort: ProductSort,
    requestedSort: ProductSort,
    totalCount: number,
  ): ProductPage {
    const slice = rows.map(({ total_count: _count, distance_km, rank, ...columns }) => ({
      candidate: {
        id: columns.id as string,
        created_at: columns.created_at as Date,
        price_cents: columns.price_cents as number,
        latitude: null,
        longitude: null,
        rank,
        distanceKm: distance_km === undefined ? undefined : Number(distance_km),
      } satisfies Candidate,
      columns,
    }));
    const shown = slice.slice(0, first);
    return {
      products: shown.map(({ candidate, columns }) =>
        Object.assign(
          productOfRow(em, columns),
          candidate.distanceKm === undefined ? {} : { distanceKm: candidate.distanceKm },
        ),
      ),
      cursors: shown.map(({ candidate }) =>
        encodeCursor({ sort: requestedSort, value: sortValue(candidate, effectiveSort), id: candidate.id }),
      ),
      hasNextPage: slice.length > first,
      totalCount,
    };
  }

  /** Whether the catalog's read model serves here (PostgreSQL); SQLite goes through the entities and loaders. */
  get readModel(): boolean {
    return this.postgres;
  }

  /** A product page on PostgreSQL: the active product with its producer, its delivery options and shown labels, in one statement. */
  async activeProduct(id: string): Promise<Product | null> {
    if (!isUuid(id)) return null;
    const em = this.orm.em.fork() as EntityManager;
    const [row] = await em.execute<Record<string, unknown>[]>(
      `select ${productColumns(em, 'p')}, ${relationColumns(true)} from product p where p.id = ? and p.active = true`,
      [id],
    );
    return row ? productOfRow(em, row) : null;
  }

  private get postgres(): boolean {
    return this.config.database.kind === 'postgresql';
  }

  private async page(
    em: EntityManager,
    slice: Candidate[],
    first: number,
    effectiveSort: ProductSort,
    requestedSort: ProductSort,
    totalCount: number,
  ): Promise<ProductPage> {
    const shown = slice.slice(0, first);
    const loaded = new Map(
      (await (shown.length ? em.find(Product, { id: shown.map((candidate) => candidate.id) }) : [])).map((product) => [
        product.id,
        product,
      ]),
    );
    const products = shown.map((candidate) =>
      Object.assign(
        loaded.get(candidate.id)!,
        candidate.distanceKm === undefined ? {} : { distanceKm: candidate.distanceKm },
      ),
    );
    return {
      products,
      cursors: shown.map((candidate) =>
        encodeCursor({ sort: requestedSort, value: sortValue(candidate, effectiveSort), id: candidate.id }),
      ),
      hasNextPage: slice.length > first,
      totalCount,
    };
  }
}

function emptyPage(): ProductPage {
  return { products: [], cursors: [], hasNextPage: false, totalCount: 0 };
}

function checkedNear(near: { latitude: number; longitude: number; radiusKm: number }) {
  if (!Number.isFinite(near.latitude) || Math.abs(near.latitude) > 90)
    throw AppError.badInput('filter.near.latitude', 'The latitude is between -90 and 90.');
  if (!Number.isFinite(near.longitude) || Math.abs(near.longitude) > 180)
    throw AppError.badInput('filter.near.longitude', 'The longitude is between -180 and 180.');
  if (!Number.isFinite(near.radiusKm) || near.radiusKm <= 0 || near.radiusKm > MAX_RADIUS_KM) {
    throw AppError.badInput('filter.near.radiusKm', `The radius is more than 0 and at most ${MAX_RADIUS_KM} km.`);
  }
  return near;
}

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

function sortValue(candidate: Candidate, sort: ProductSort): string | number {
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
const DESCENDING = new Set([ProductSort.NEWEST, ProductSort.PRICE_DESC, ProductSort.RELEVANCE]);

function orderBy(sort: ProductSort, prefix = ''): string {
  const column = {
    [ProductSort.NEWEST]: 'created_at',
    [ProductSort.PRICE_ASC]: 'price_cents',
    [ProductSort.PRICE_DESC]: 'price_cents',
    [ProductSort.RELEVANCE]: 'rank',
    [ProductSort.DISTANCE]: 'distance_km',
  }[sort];
  const direction = DESCENDING.has(sort) ? 'desc' : 'asc';
  return `${prefix}${column} ${direction}, ${prefix}id ${direction}`;
}

function keysetCondition(sort: ProductSort, cursor: ProductCursor, postgres: boolean) {
  const column =
    sort === ProductSort.NEWEST
      ? 'created_at'
      : sort === ProductSort.RELEVANCE
        ? 'rank'
        : sort === ProductSort.DISTANCE
          ? 'distance_km'
          : 'price_cents';
  const beyond = DESCENDING.has(sort) ? '<' : '>';
  const value = sort === ProductSort.NEWEST && postgres ? new Date(cursor.value) : cursor.value;
  // A row comparison lets PostgreSQL start its index range (sort column, id) at the cursor.
  if (postgres) return { sql: `(${column}, id) ${beyond} (?, ?)`, params: [value, cursor.id] };
  return { sql: `(${column} ${beyond} ? or (${column} = ? and id ${beyond} ?))`, params: [value, value, cursor.id] };
}

function comparatorFor(sort: ProductSort) {
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

function isAfter(candidate: Candidate, cursor: ProductCursor, sort: ProductSort): boolean {
  const compare = comparatorFor(sort);
  const cursorCandidate = {
    id: cursor.id,
    distanceKm: Number(cursor.value),
    rank: Number(cursor.value),
    price_cents: Number(cursor.value),
    created_at: cursor.value,
    latitude: null,
    longitude: null,
  } as Candidate;
  return compare(candidate, cursorCandidate) > 0;
}
