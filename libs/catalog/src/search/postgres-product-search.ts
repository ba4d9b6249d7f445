import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { EARTH_RADIUS_KM } from '@app/carbon';
import { queryPrepared } from '@app/platform';
import type { Product } from '../entities/product.entity';
import {
  type CartCatalog,
  cartCatalogOfRows,
  cartCatalogSql,
  productColumns,
  productJson,
  productOfRow,
  relationColumns,
} from './catalog-read-model';
import { ProductSort } from './product-cursor';
import {
  boxCondition,
  type Candidate,
  type CatalogQuery,
  commonConditions,
  DESCENDING,
  orderBy,
  pageOf,
  type ProductKey,
  type ProductPage,
  type ProductSearchStrategy,
  sortColumn,
  SqlValues,
  TOTAL_COUNT_CAP,
} from './product-search-strategy';

/**
 * With the DISTANCE sort, the products of the producers nearest first, only as far as the page needs: up to the
 * producer whose products (counted in `near`) fill the page and one more row, and every producer at that distance
 * (their products sort by id among themselves). Beyond a cursor only the producers past its distance are counted,
 * and its own distance's are read again (products after the cursor's id). So the page sorts about its own rows,
 * not the radius's thousand (PostgreSQL's generic plan, which cannot know how many producers the box holds, does not
 * stop a sort early by itself).
 */
function nearestFirst(query: CatalogQuery, sql: SqlValues): string {
  if (query.sort !== ProductSort.DISTANCE) return '';
  const after = query.cursor ? sql.add(query.cursor.value) : undefined;
  const walked = `select distance_km, sum(products) over (order by distance_km rows unbounded preceding) as reached
    from near${after ? ` where distance_km > ${after}` : ''}`;
  const reach = `(select min(distance_km) filter (where reached > ${query.first}) from (${walked}) walked)`;
  return ` and near.distance_km <= coalesce(${reach}, 'infinity')${after ? ` and near.distance_km >= ${after}` : ''}`;
}

type ReadRow = Record<string, unknown> & { total_count: number | string; distance_km?: number; rank?: number };

/**
 * The search on PostgreSQL: the catalog's read model. Each page is one statement (the distance computed once, the
 * radius filtered and counted with `count(*) over ()`, sorted and paged where the rows are, each product with its
 * producer and labels as JSON: `catalog-read-model.ts`), full text ranked by `ts_rank`, keysets as row comparisons.
 *
 * The statements are prepared (named by their text's hash, with their values apart): PostgreSQL parses and plans
 * each shape once per connection instead of every request. With the values inlined, as the ORM sends them, the
 * near-search cost its backend 3.8–4.6 ms of CPU a request against 1.6–1.7 ms prepared, on the 2 cores PostgreSQL
 * shares with the API. They go through the ORM's own pool (same connections, settings and type parsers); they only
 * read, outside any unit of work, and hydrate nothing.
 */
export class PostgresProductSearch implements ProductSearchStrategy {
  readonly ranksText = true;
  private readonly activeProductSql: { id?: string; slug?: string } = {};

  constructor(private readonly orm: MikroORM) {}

  private get metadataEm(): EntityManager {
    // Only the entities' metadata is read from it (column lists): no unit of work is touched.
    return this.orm.em as EntityManager;
  }

  /** Runs a prepared statement (`queryPrepared`: one text is one prepared statement per connection). */
  private query<T extends object>(text: string, values: unknown[]): Promise<T[]> {
    return queryPrepared<T>(this.metadataEm, text, values);
  }

  /**
   * The rows `query` selects, with their values in `sql`: `from` (the products, filtered), the rank column when
   * ranking, and with `near` the statement's `near` CTE and the products in the radius with their distance.
   */
  private selection(query: CatalogQuery, sql: SqlValues, ranked: boolean) {
    const where = commonConditions(query, sql);
    if (query.certification) where.push(`p.certifications::text like ${sql.add(`%"${query.certification}"%`)}`);
    let rankColumn = '';
    if (query.text) {
      const text = sql.add(query.text);
      where.push(`to_tsvector('french', p.search_text) @@ plainto_tsquery('french', ${text})`);
      // float8, so that the rank a cursor carries compares equal to itself on the next page.
      if (ranked)
        rankColumn = `, ts_rank(to_tsvector('french', p.search_text), plainto_tsquery('french', ${text}))::float8 as rank`;
    }
    const matching = where.join(' and ');
    const from = `from product p where ${matching}`;
    const near = query.near;
    if (!near) return { from, rankColumn };
    const latitude = sql.add(near.latitude);
    const longitude = sql.add(near.longitude);
    // The great-circle distance (haversine, `greatCircleKm`'s formula and R), once per producer in the box (`offset
    // 0` keeps it out of the radius filter's expression).
    const distance = `2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(power(sin(radians(cp.latitude - ${latitude}) / 2), 2) + cos(radians(${latitude})) * cos(radians(cp.latitude)) * power(sin(radians(cp.longitude - ${longitude}) / 2), 2))))`;
    // By DISTANCE, how many of each producer's products match: the radius's count is their sum, and the page knows
    // how far it must walk (`nearestFirst`); without filters, an index-only scan of `product_producer_active_id_idx`.
    // The other sorts read every product in the radius anyway, and count them as they go.
    const walk = query.sort === ProductSort.DISTANCE;
    const products = `select count(*) from product p where p.producer_id = d.producer_id and ${matching}`;
    const producers = `near as materialized (select producer_id, distance_km${walk ? `, (${products}) as products` : ''}
      from (select cp.producer_id, ${distance} as distance_km from catalog_producer cp where ${boxCondition(near, sql)} offset 0) d
      where distance_km <= ${sql.add(near.radiusKm)})`;
    const nearProducts = `from near join product p on p.producer_id = near.producer_id where ${matching}`;
    return {
      from,
      rankColumn,
      near: {
        producers,
        inRadius: walk
          ? `select p.id, p.created_at, p.price_cents, near.distance_km${rankColumn} ${nearProducts}${nearestFirst(query, sql)}`
          : `select p.id, p.created_at, p.price_cents, near.distance_km${rankColumn}, count(*) over () as total_count ${nearProducts}`,
        totalCount: walk ? '(select coalesce(sum(products), 0) from near)' : 'page.total_count',
        count: walk
          ? 'select coalesce(sum(products), 0) as count from near'
          : `select count(*) as count ${nearProducts}`,
      },
    };
  }

  async search(query: CatalogQuery): Promise<ProductPage> {
    const ranked = query.sort === ProductSort.RELEVANCE && query.text !== '';
    const sql = new SqlValues(true);
    const { from, rankColumn, near } = this.selection(query, sql, ranked);
    const keyset = query.cursor
      ? `(${sortColumn(query.sort)}, id) ${DESCENDING.has(query.sort) ? '<' : '>'} (${sql.add(
          query.sort === ProductSort.NEWEST ? new Date(query.cursor.value).toISOString() : query.cursor.value,
        )}, ${sql.add(query.cursor.id)})`
      : undefined;
    // The limit is written in the text (a few shapes more): a generic plan of `limit $n` assumes a tenth of the rows
    // and walks no index for it, so PostgreSQL would plan the listing anew every time.
    const page = `${keyset ? ` where ${keyset}` : ''} order by ${orderBy(query.sort)} limit ${query.first + 1}`;
    const columns = `${ranked ? ', page.rank' : ''}, ${productColumns(this.metadataEm, 'p')}, ${relationColumns(this.metadataEm, false, orderBy(query.sort, 'page.'))}`;
    const joined = `from page join product p on p.id = page.id order by ${orderBy(query.sort, 'page.')}`;
    // The count stops at TOTAL_COUNT_CAP + 1 rows: a page never needs the exact size of a large catalog.
    const capped = (rows: string) =>
      `select count(*) as count from (select 1 ${rows} limit ${TOTAL_COUNT_CAP + 1}) capped`;
    const rows = near
      ? await this.query<ReadRow>(
          `with ${near.producers}, page as (select * from (${near.inRadius}) in_radius${page})
           select ${near.totalCount} as total_count, page.distance_km${columns} ${joined}`,
          sql.values,
        )
      : await this.query<ReadRow>(
          `with page as (select * from (select p.id, p.created_at, p.price_cents${rankColumn} ${from}) ranked${page})
           select (${capped(from)}) as total_count${columns} ${joined}`,
          sql.values,
        );
    if (rows.length || !query.cursor) return this.readPage(rows, query, rows.length ? Number(rows[0].total_count) : 0);
    // Past the last page no row carries the count: counted alone (a client paging too far).
    const alone = new SqlValues(true);
    const counted = this.selection({ ...query, cursor: undefined }, alone, false);
    const [{ count }] = await this.query<{ count: number | string }>(
      counted.near ? `with ${counted.near.producers} ${counted.near.count}` : capped(counted.from),
      alone.values,
    );
    return this.readPage(rows, query, Number(count));
  }

  /** A product page: the active product with its producer, its delivery options and shown labels, in one statement. */
  async activeProduct(key: ProductKey): Promise<Product | null> {
    const [column, value] = 'id' in key ? (['id', key.id] as const) : (['slug', key.slug] as const);
    // The text is made once: a new string of 2 kB on each request was hashed anew to find its prepared statement.
    const sql = (this.activeProductSql[column] ??=
      `select ${productJson(this.metadataEm, 'p')} as rm_product, ${relationColumns(this.metadataEm, true)} from product p where p.${column} = $1 and p.active = true`);
    const [row] = await this.query<Record<string, unknown>>(sql, [value]);
    return row ? productOfRow(this.metadataEm, row) : null;
  }

  /** What a cart names (`ProductSearchService.cartCatalog`), in one statement. */
  async cartCatalog(productIds: readonly string[]): Promise<CartCatalog> {
    const rows = await this.query<Record<string, unknown>>(cartCatalogSql(this.metadataEm), [productIds]);
    return cartCatalogOfRows(this.metadataEm, rows);
  }

  /** The rows of the read model as a page: the products come with their relations for the request's loaders. */
  private readPage(rows: ReadRow[], query: CatalogQuery, totalCount: number): ProductPage {
    const em = this.metadataEm;
    // The row itself goes to `productOfRow`, which reads the product's columns by name (no copy of each row).
    const slice = rows.map((row) => ({
      id: row.id as string,
      created_at: row.created_at as Date,
      price_cents: row.price_cents as number,
      rank: row.rank,
      distanceKm: row.distance_km === undefined ? undefined : Number(row.distance_km),
      row,
    })) satisfies (Candidate & { row: ReadRow })[];
    return pageOf(slice, query, totalCount, ({ row }) => productOfRow(em, row));
  }
}
