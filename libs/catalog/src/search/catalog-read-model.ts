import { type EntityClass, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { Organization } from '@app/identity';
import { publicOrganizationJsonSql } from '../producers/public-position';
import { type PublicProducers, publicProducerLoader } from '../producers/public-producers.service';
import { byKeys, type GraphqlContext, requestLoader } from '@app/platform';
import { Brand, type BrandService } from '@app/territory';
import { DeliveryOption } from '../entities/delivery-option.entity';
import { ProductLabel } from '../entities/product-label.entity';
import { Product } from '../entities/product.entity';
import type { DeliveryOptionService } from '../delivery/delivery-option.service';
import type { ProductLabelService } from '../labels/product-label.service';

/**
 * The catalog's read model on PostgreSQL: a product page or a page of search results in one statement, the product's
 * producer, its shown labels with their brands and (for a product page) the producer's delivery options aggregated as
 * JSON beside each product row. The request's loaders are then primed with them, so the field resolvers (the same
 * ones, with the same rules) find them without another statement. SQLite takes the loaders' path: correct, slower.
 */

const RELATIONS = Symbol('catalog-read-model-relations');

/** What the statement brought beside a product. */
interface ProductRelations {
  producer: Organization | null;
  labels: ProductLabel[];
  brands: Brand[];
  deliveryOptions?: DeliveryOption[];
}

type WithRelations = Product & { [RELATIONS]?: ProductRelations };

/** What the statements' texts are made of, worked out once per entity's metadata (they were, per request, rebuilt). */
const columnLists = new WeakMap<object, Map<string, string>>();

function once(meta: object, key: string, make: () => string): string {
  let known = columnLists.get(meta);
  if (!known) columnLists.set(meta, (known = new Map()));
  let text = known.get(key);
  if (text === undefined) known.set(key, (text = make()));
  return text;
}

/** The product's column names (lazy ones left out, as `em.find` does). */
function productFields(em: EntityManager): string[] {
  return em
    .getMetadata()
    .get(Product)
    .props.filter((prop) => !prop.lazy && prop.fieldNames?.length && prop.persist !== false)
    .flatMap((prop) => prop.fieldNames);
}

/** The product's columns (lazy ones left out, as `em.find` does), qualified by `alias`. */
export function productColumns(em: EntityManager, alias: string): string {
  return once(em.getMetadata().get(Product), alias, () =>
    productFields(em)
      .map((field) => `${alias}.${field}`)
      .join(', '),
  );
}

/**
 * The same columns as one JSON object keyed by column name (`productOfRow` reads it as it reads a row): the driver
 * describes and parses one field instead of twenty, in C++ (JSON.parse) instead of a parser per column.
 */
export function productJson(em: EntityManager, alias: string): string {
  return once(
    em.getMetadata().get(Product),
    `json ${alias}`,
    () =>
      `json_build_object(${productFields(em)
        .map((field) => `'${field}', ${alias}.${field}`)
        .join(', ')})`,
  );
}

/**
 * The organization's properties no field of a product's producer reads (the `Organization` type and every field
 * resolver of it: its scalars and address, `logo` its media id, `verification` — its members only — the decision's
 * reason, date and SIRENE answer, the others its id alone), left out of the read model's producer.
 */
const UNREAD_PRODUCER_PROPERTIES = new Set(['createdAt']);

/**
 * The product `p`'s producer as a JSON object of the organization's columns its fields read (all but
 * `UNREAD_PRODUCER_PROPERTIES`), as the public sees it (issue #20 item 11: a farm that does not sell on site at its
 * commune's centre).
 */
function producerJson(em: EntityManager): string {
  const meta = em.getMetadata().get(Organization);
  return once(meta, 'public-producer', () =>
    publicOrganizationJsonSql(
      meta.props
        .filter(
          (prop) =>
            prop.persist !== false &&
            prop.fieldNames?.length &&
            prop.kind !== ReferenceKind.EMBEDDED &&
            !UNREAD_PRODUCER_PROPERTIES.has(prop.name),
        )
        .flatMap((prop) => prop.fieldNames),
    ),
  );
}

/**
 * The related rows as JSON columns of the product `p`: its producer, the labels a product shows (approved, not
 * suspended: `ProductLabelService.shownOn`'s rule) oldest first with their brands, and when asked the producer's
 * active delivery options oldest first (`DeliveryOptionService.ofProducers`' rule).
 *
 * With `producerOnceIn` (the page's order), a page of several products brings each producer once, on the first of
 * its products: the others find it in the request's loader, primed by that one (a near-search's 20 products come
 * from 2 or 3 farms; building and parsing the producer's JSON on every row was a fifth of the statement's CPU).
 */
export function relationColumns(em: EntityManager, withDeliveryOptions: boolean, producerOnceIn?: string): string {
  const shown = producerJson(em);
  const producer = producerOnceIn
    ? `case when row_number() over (partition by p.producer_id order by ${producerOnceIn}) = 1 then ${shown} end`
    : shown;
  return [
    `${producer} as rm_producer`,
    `${SHOWN_LABELS_JSON} as rm_labels`,
    ...(withDeliveryOptions ? [`${ACTIVE_DELIVERY_OPTIONS_JSON} as rm_delivery_options`] : []),
  ].join(', ');
}

/*
 * The related rows are built as `json`, not `jsonb`: the API parses their text either way, and `jsonb` first builds
 * a binary value with its keys sorted (PostgreSQL's CPU for a page of 20 products' labels: about half as `json`).
 */

/** The labels the product `p` shows, oldest first, each with its brand (`ProductLabelService.shownOn`'s rule). */
const SHOWN_LABELS_JSON = `(select coalesce(json_agg(json_build_object('label', row_to_json(pl), 'brand', row_to_json(b)) order by pl.created_at), '[]'::json)
  from product_label pl left join brand b on b.id = pl.brand_id
  where pl.product_id = p.id and pl.status = 'APPROVED' and pl.suspended = false)`;

/** The active delivery options of the product `p`'s producer, oldest first (`DeliveryOptionService.ofProducers`' rule). */
const ACTIVE_DELIVERY_OPTIONS_JSON = `(select coalesce(json_agg(row_to_json(d) order by d.created_at), '[]'::json) from delivery_option d
  where d.producer_id = p.producer_id and d.active = true)`;

/** What a cart names, as checkout and the cart quote read it before pricing (`CartReader`). */
export interface CartCatalog {
  products: Product[];
  /** The producers of the active products, with their own (not their public) address. */
  producers: Organization[];
  /** Their active delivery options, oldest first. */
  deliveryOptions: DeliveryOption[];
  /** The brands each active product shows (its shown labels' brands, oldest label first). */
  shownBrands: Map<string, string[]>;
}

/**
 * The statement reading a cart's products (`$1`, an array of UUIDs) with, for the active ones, their producer, its
 * active delivery options and the labels they show: what `ProductService.findByIds`, `OrganizationService.findByIds`,
 * `DeliveryOptionService.ofProducers` and `ProductLabelService.shownOn` read in four statements.
 */
export function cartCatalogSql(em: EntityManager): string {
  return `select ${productColumns(em, 'p')},
      case when p.active then row_to_json(o) end as rm_producer,
      case when p.active then ${SHOWN_LABELS_JSON} end as rm_labels,
      case when p.active then ${ACTIVE_DELIVERY_OPTIONS_JSON} end as rm_delivery_options
    from product p left join organization o on o.id = p.producer_id
    where p.id = any($1::uuid[])`;
}

/** The rows of `cartCatalogSql` as read-only objects (see `readOnly`): each producer and option once. */
export function cartCatalogOfRows(em: EntityManager, rows: (Record<string, unknown> & RelationRow)[]): CartCatalog {
  const producers = new Map<string, Organization>();
  const deliveryOptions = new Map<string, DeliveryOption>();
  const shownBrands = new Map<string, string[]>();
  const products = rows.map((row) => {
    const product = readOnly(em, Product, row);
    if (row.rm_producer && !producers.has(product.producerId))
      producers.set(product.producerId, readOnly(em, Organization, row.rm_producer));
    for (const option of row.rm_delivery_options ?? []) {
      if (!deliveryOptions.has(option.id as string))
        deliveryOptions.set(option.id as string, readOnly(em, DeliveryOption, option));
    }
    if (row.rm_labels)
      shownBrands.set(
        product.id,
        row.rm_labels.map(({ label }) => label.brand_id as string),
      );
    return product;
  });
  return {
    products,
    producers: [...producers.values()],
    // Oldest first across producers, as `ofProducers` answers them.
    deliveryOptions: [...deliveryOptions.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    shownBrands,
  };
}

interface RelationRow {
  /** The product's columns as one object (`productJson`), when not the row's own. */
  rm_product?: Record<string, unknown>;
  rm_producer?: Record<string, unknown> | null;
  rm_labels?: { label: Record<string, unknown>; brand: Record<string, unknown> | null }[];
  rm_delivery_options?: Record<string, unknown>[];
}

/** How one column of a row becomes a property of the read-only object (see `readOnly`). */
interface ColumnReading {
  column: string;
  name: string;
  /** The embeddable property holding it, when it is an embedded one. */
  owner?: string;
  date: boolean;
  reference: boolean;
}

/** Each entity's column readings, worked out once from its metadata (they were, per row, a tenth of the CPU). */
const readings = new WeakMap<object, ColumnReading[]>();

function readingsOf(em: EntityManager, entity: EntityClass<object>): ColumnReading[] {
  const meta = em.getMetadata().get(entity);
  let known = readings.get(meta);
  if (!known) {
    known = meta.props
      .filter((prop) => prop.persist !== false && prop.fieldNames?.length && prop.kind !== ReferenceKind.EMBEDDED)
      .map((prop) => {
        const [owner, name] = (prop.embedded as [string, string] | undefined) ?? [undefined, prop.name];
        return {
          column: prop.fieldNames[0],
          name,
          owner,
          date: prop.runtimeType === 'Date',
          reference: prop.kind === ReferenceKind.MANY_TO_ONE,
        };
      });
    readings.set(meta, known);
  }
  return known;
}

/**
 * A row (native or from `row_to_json`) as a read-only object shaped like the entity `entity`: its properties under their
 * names, embeddables nested, a many-to-one as `{ id }`, dates as `Date`. No unit of work, no identity map: the field
 * resolvers only read these (hydrating managed entities cost a fifth of the API's CPU under the near-search load).
 */
function readOnly<T extends object>(em: EntityManager, entity: EntityClass<T>, row: Record<string, unknown>): T {
  const object: Record<string, unknown> = {};
  for (const { column, name, owner, date, reference } of readingsOf(em, entity)) {
    let value = row[column];
    if (value === undefined) continue;
    if (date && typeof value === 'string') value = new Date(value);
    if (reference) value = value === null ? null : { id: value };
    if (owner) ((object[owner] ??= {}) as Record<string, unknown>)[name] = value;
    else object[name] = value;
  }
  return object as T;
}

/**
 * A row of the statement as a product, its relations kept beside it for `primeLoaders` (a producer may come on
 * another row of the same page only: see `relationColumns`).
 */
export function productOfRow(em: EntityManager, row: Record<string, unknown> & RelationRow): Product {
  // The product's own columns are read by name: the row is not copied without the relations' columns first.
  const { rm_product, rm_producer, rm_labels, rm_delivery_options } = row;
  const product = readOnly(em, Product, rm_product ?? row) as WithRelations;
  const labels = (rm_labels ?? []).map(({ label, brand }) => ({
    label: readOnly(em, ProductLabel, label),
    brand: brand ? readOnly(em, Brand, brand) : null,
  }));
  Object.defineProperty(product, RELATIONS, {
    value: {
      producer: rm_producer ? readOnly(em, Organization, rm_producer) : null,
      labels: labels.map(({ label }) => label),
      brands: labels.flatMap(({ brand }) => (brand ? [brand] : [])),
      deliveryOptions: rm_delivery_options?.map((option) => readOnly(em, DeliveryOption, option)),
    } satisfies ProductRelations,
  });
  return product;
}

export interface CatalogLoaderServices {
  publicProducers: PublicProducers;
  labels: ProductLabelService;
  brands: BrandService;
  deliveryOptions: DeliveryOptionService;
}

/** The request's loader of the labels a product shows (`ProductType.labels`). */
export const shownLabelsLoader = (context: GraphqlContext, labels: ProductLabelService) =>
  requestLoader(context, 'labels-by-product', async (ids: readonly string[]) => {
    const shown = await labels.shownOn(ids);
    return ids.map((id) => shown.filter((label) => label.product.id === id));
  });

/** The same batches as the field resolvers' loaders of those names (`ProductLabel.brand`, `Organization.deliveryOptions`). */
const brandLoader = (context: GraphqlContext, brands: BrandService) =>
  requestLoader(context, 'brand-by-id', async (ids: readonly string[]) =>
    byKeys(ids, await brands.findByIds(ids), (brand) => brand.id),
  );
const deliveryOptionsLoader = (context: GraphqlContext, deliveryOptions: DeliveryOptionService) =>
  requestLoader(context, 'delivery-options-by-producer', async (ids: readonly string[]) => {
    const options = await deliveryOptions.ofProducers(ids);
    return ids.map((id) => options.filter((option) => option.producerId === id));
  });

/** Hands the rows the read model brought to the request's loaders: the field resolvers then ask nothing more. */
export function primeLoaders(context: GraphqlContext, services: CatalogLoaderServices, products: Product[]): void {
  for (const product of products as WithRelations[]) {
    const relations = product[RELATIONS];
    if (!relations) continue;
    if (relations.producer)
      publicProducerLoader(context, services.publicProducers).prime(product.producerId, relations.producer);
    shownLabelsLoader(context, services.labels).prime(product.id, relations.labels);
    for (const brand of relations.brands) brandLoader(context, services.brands).prime(brand.id, brand);
    if (relations.deliveryOptions)
      deliveryOptionsLoader(context, services.deliveryOptions).prime(product.producerId, relations.deliveryOptions);
  }
}
