import { greatCircleKm } from '@app/carbon';
import type { UnitOfWork } from '@app/platform';
import { Product } from '../entities/product.entity';
import {
  boxCondition,
  type Candidate,
  type CatalogQuery,
  commonConditions,
  comparatorFor,
  DESCENDING,
  isAfter,
  orderBy,
  pageOf,
  type ProductKey,
  type ProductPage,
  type ProductSearchStrategy,
  sortColumn,
  SqlValues,
  TOTAL_COUNT_CAP,
} from './product-search-strategy';

interface CandidateRow extends Candidate {
  latitude: number | null;
  longitude: number | null;
}

/**
 * The search on the embedded SQLite file: correct, simpler, slower. Words are matched with `like` (no ranking:
 * RELEVANCE reads NEWEST), the distance is computed in JavaScript over the bounding box's candidates, and the page's
 * products are read as entities (the field resolvers' loaders then read their relations).
 */
export class SqliteProductSearch implements ProductSearchStrategy {
  readonly ranksText = false;

  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** `from` with every condition of `query`, its values in `sql` in the order of the text. */
  private from(query: CatalogQuery, sql: SqlValues): string {
    const where = commonConditions(query, sql);
    if (query.certification) where.push(`p.certifications like ${sql.add(`%"${query.certification}"%`)}`);
    if (query.text) for (const word of query.text.split(' ')) where.push(`p.search_text like ${sql.add(`%${word}%`)}`);
    if (query.near) where.push(boxCondition(query.near, sql));
    return `from product p ${query.near ? 'join' : 'left join'} catalog_producer cp on cp.producer_id = p.producer_id where ${where.join(' and ')}`;
  }

  async search(query: CatalogQuery): Promise<ProductPage> {
    const em = this.unitOfWork.em;
    const near = query.near;
    if (near) {
      const sql = new SqlValues(false);
      const candidates = await em.execute<CandidateRow[]>(
        `select p.id, p.created_at, p.price_cents, cp.latitude, cp.longitude ${this.from(query, sql)}`,
        sql.values,
      );
      const inRadius = candidates
        .map((candidate) => ({
          ...candidate,
          distanceKm: greatCircleKm(near, { latitude: candidate.latitude!, longitude: candidate.longitude! }),
        }))
        .filter((candidate) => candidate.distanceKm <= near.radiusKm)
        .sort(comparatorFor(query.sort));
      const cursor = query.cursor;
      const start = cursor ? inRadius.findIndex((candidate) => isAfter(candidate, cursor, query.sort)) : 0;
      return this.page(start < 0 ? [] : inRadius.slice(start, start + query.first + 1), query, inRadius.length);
    }
    const counting = new SqlValues(false);
    // The count stops at TOTAL_COUNT_CAP + 1 rows: a page never needs the exact size of a large catalog.
    const [{ count }] = await em.execute<{ count: number | string }[]>(
      `select count(*) as count from (select 1 ${this.from(query, counting)} limit ${TOTAL_COUNT_CAP + 1}) capped`,
      counting.values,
    );
    const sql = new SqlValues(false);
    const from = this.from(query, sql);
    let keyset = '';
    if (query.cursor) {
      const column = sortColumn(query.sort);
      const beyond = DESCENDING.has(query.sort) ? '<' : '>';
      const { value, id } = query.cursor;
      keyset = ` where (${column} ${beyond} ${sql.add(value)} or (${column} = ${sql.add(value)} and id ${beyond} ${sql.add(id)}))`;
    }
    const candidates = await em.execute<Candidate[]>(
      `select * from (select p.id, p.created_at, p.price_cents ${from}) ranked${keyset} order by ${orderBy(query.sort)} limit ${query.first + 1}`,
      sql.values,
    );
    return this.page(candidates, query, Number(count));
  }

  async activeProduct(key: ProductKey): Promise<Product | null> {
    return this.unitOfWork.em.findOne(Product, { ...key, active: true });
  }

  private async page(slice: Candidate[], query: CatalogQuery, totalCount: number): Promise<ProductPage> {
    const ids = slice.slice(0, query.first).map((candidate) => candidate.id);
    const loaded = new Map(
      (ids.length ? await this.unitOfWork.em.find(Product, { id: ids }) : []).map((product) => [product.id, product]),
    );
    return pageOf(slice, query, totalCount, (candidate) => loaded.get(candidate.id)!);
  }
}
