import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { EARTH_RADIUS_KM, greatCircleKm } from '@app/carbon';
import { APP_CONFIG, type AppConfig, AppError, isUuid } from '@app/platform';
import { BrandService, normalizeName } from '@app/territory';
import { type Certification, Product, type ProductCategory } from '../entities/product.entity';
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
      // PostgreSQL computes the distance, filters the radius, sorts and pages: only the page crosses the wire.
      const distance = `${greatCircleSql} as distance_km`;
      const distanceParams = [near.latitude, near.latitude, near.longitude];
      const inRadius = `select * from (select p.id, p.created_at, p.price_cents, cp.latitude, cp.longitude, ${distance}${rankColumn} ${from}) c where distance_km <= ?`;
      const inRadiusParams = [...distanceParams, ...rankParams, ...params, near.radiusKm];
      const keyset = cursor ? keysetCondition(effectiveSort, cursor, true) : undefined;
      const [{ count }] = await em.execute<{ count: number | string }[]>(
        `select count(*) as count from (${inRadius}) counted`,
        inRadiusParams,
      );
      const rows = await em.execute<(Candidate & { distance_km: number })[]>(
        `${inRadius}${keyset ? ` and ${keyset.sql}` : ''} order by ${orderBy(effectiveSort)} limit ${first + 1}`,
        [...inRadiusParams, ...(keyset?.params ?? [])],
      );
      return this.page(
        em,
        rows.map((row) => ({ ...row, distanceKm: Number(row.distance_km) })),
        first,
        effectiveSort,
        sort,
        Number(count),
      );
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
    const [{ count }] = await em.execute<{ count: number | string }[]>(`select count(*) as count ${from}`, params);
    const candidates = await em.execute<Candidate[]>(
      `select * from (select p.id, p.created_at, p.price_cents, cp.latitude, cp.longitude${rankColumn} ${from}) ranked` +
        `${keyset ? ` where ${keyset.sql}` : ''} order by ${order} limit ${first + 1}`,
      [...rankParams, ...params, ...(keyset?.params ?? [])],
    );
    return this.page(em, candidates, first, effectiveSort, sort, Number(count));
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

function orderBy(sort: ProductSort): string {
  const column = {
    [ProductSort.NEWEST]: 'created_at',
    [ProductSort.PRICE_ASC]: 'price_cents',
    [ProductSort.PRICE_DESC]: 'price_cents',
    [ProductSort.RELEVANCE]: 'rank',
    [ProductSort.DISTANCE]: 'distance_km',
  }[sort];
  const direction = DESCENDING.has(sort) ? 'desc' : 'asc';
  return `${column} ${direction}, id ${direction}`;
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
