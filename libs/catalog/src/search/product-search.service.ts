import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { APP_CONFIG, type AppConfig, AppError, isUuid, UnitOfWork } from '@app/platform';
import { isSlug } from '@app/identity';
import { BrandService, normalizeName } from '@app/territory';
import type { Certification, Product, ProductCategory } from '../entities/product.entity';
import { PostgresProductSearch } from './postgres-product-search';
import type { CartCatalog } from './catalog-read-model';
import { decodeCursor, ProductSort } from './product-cursor';
import { emptyPage, type ProductPage, type ProductSearchStrategy } from './product-search-strategy';
import { SqliteProductSearch } from './sqlite-product-search';

export { boundingBox, type ProductPage, TOTAL_COUNT_CAP } from './product-search-strategy';

export interface ProductFilterValues {
  text?: string | null;
  category?: ProductCategory | null;
  brandSlug?: string | null;
  producerId?: string | null;
  certification?: Certification | null;
  labelledOnly?: boolean | null;
  near?: { latitude: number; longitude: number; radiusKm: number } | null;
}

/** Local search: beyond this, a radius would read most of the catalog into memory for one anonymous request. */
const MAX_RADIUS_KM = 300;

/**
 * The public catalog search. Checks the request (page size, sort, radius, cursor), resolves the brand of a slug,
 * then hands the query to the database's strategy, chosen once here: PostgreSQL's read model (one prepared
 * statement a page, `postgres-product-search.ts`) or the embedded SQLite path (`sqlite-product-search.ts`).
 * With `near`, a bounding box on the producers' position index narrows the candidates, then the exact great-circle
 * distance filters and sorts them.
 */
@Injectable()
export class ProductSearchService {
  private readonly strategy: ProductSearchStrategy;

  constructor(
    orm: MikroORM,
    unitOfWork: UnitOfWork,
    private readonly brands: BrandService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.strategy =
      config.database.kind === 'postgresql' ? new PostgresProductSearch(orm) : new SqliteProductSearch(unitOfWork);
  }

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
    if (filter.producerId && !isUuid(filter.producerId)) return emptyPage();
    let brandId: string | undefined;
    if (filter.brandSlug) {
      const brand = await this.brands.bySlug(filter.brandSlug);
      if (!brand) return emptyPage();
      brandId = brand.id;
    }
    const ranked = sort === ProductSort.RELEVANCE && text !== '' && this.strategy.ranksText;
    return this.strategy.search({
      category: filter.category,
      producerId: filter.producerId,
      certification: filter.certification,
      labelled: Boolean(filter.brandSlug || filter.labelledOnly),
      brandId,
      text,
      near,
      sort: sort === ProductSort.RELEVANCE && !ranked ? ProductSort.NEWEST : sort,
      requestedSort: sort,
      first,
      cursor,
    });
  }

  /** An active product with what its page shows (in one statement on PostgreSQL), or null. */
  async activeProduct(id: string): Promise<Product | null> {
    return isUuid(id) ? this.strategy.activeProduct({ id }) : null;
  }

  /** The same, by its slug (its public address). */
  async activeProductBySlug(slug: string): Promise<Product | null> {
    return isSlug(slug) ? this.strategy.activeProduct({ slug }) : null;
  }

  /**
   * The products of a cart (the UUIDs among `productIds`) with their producers, delivery options and shown brands,
   * in one statement where the database has the read model; null on SQLite, whose reader uses the services.
   */
  async cartCatalog(productIds: readonly string[]): Promise<CartCatalog | null> {
    if (!this.strategy.cartCatalog) return null;
    const wanted = [...new Set(productIds)].filter(isUuid);
    return wanted.length
      ? this.strategy.cartCatalog(wanted)
      : { products: [], producers: [], deliveryOptions: [], shownBrands: new Map() };
  }
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
