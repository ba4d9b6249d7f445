import { raw } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import type { Pool } from 'pg';
import type { CarbonFootprint, LineFootprint } from '@app/carbon';
import { Order } from '../entities/order.entity';
import { OrderLine } from '../entities/order-line.entity';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderStatus } from '../lifecycle/supplier-order-state';

/** An order line with its supplier order's context and its share of the footprint: what reports are made of. */
export interface PurchaseLine {
  orderId: string;
  orderNumber: string;
  orderedAt: Date;
  deliveredAt: Date | null;
  supplierOrderId: string;
  producerId: string;
  buyerOrganizationId: string | null;
  deliveryInseeCode: string | null;
  producerLocation: { latitude: number; longitude: number };
  deliveryLocation: { latitude: number; longitude: number };
  deliveryMode: string;
  roundId: string | null;
  productId: string;
  productName: string;
  category: string;
  ciqualCode: string | null;
  unit: string;
  quantityThousandths: number;
  massKg: number;
  spendCents: number;
  brandIds: string[];
  /** The supplier order's footprint (distance, vehicle, scope, method version, factor ids), without its lines. */
  footprint: Omit<CarbonFootprint, 'lines'>;
  /** This line's share of it (allocated by mass), with its own baseline: the line's own columns. */
  lineFootprint: LineFootprintShare;
}

/** A line's share of its supplier order's footprint, as the line stores it (`OrderLine.carbon…`). */
export type LineFootprintShare = Pick<
  LineFootprint,
  'massShare' | 'tkm' | 'emissionsKgCo2e' | 'baselineKgCo2e' | 'savedKgCo2e'
> & {
  /** The first of the line's baseline factor ids: its category's baseline scenario (null: none). */
  baselineScenarioId: string | null;
};

export interface PurchaseLineFilter {
  buyerOrganizationId?: string;
  producerIds?: string[];
  /** [from, to) instants. */
  from: Date;
  to: Date;
  /** `delivered`: delivered supplier orders, by delivery date (CSR reports); `placed`: not cancelled, by order date. */
  basis: 'delivered' | 'placed';
}

/**
 * Supplier orders a batch (≈ 500 lines). A batch's rows live until its lines are handled, the next one's read the
 * while: batches of 500 supplier orders outlived the young generation's collections, each copied and promoted (the
 * collector ran a third of a CSV export's CPU); at 100, most of them die young. Worker CPU −25 to −33 % on
 * 100,000 lines, for 5 × the statements (≈ 1 ms each on PostgreSQL, overlapped with the formatting).
 */
const BATCH = 100;

/**
 * The columns of a supplier order a report reads (no totals, history or placement estimate); its footprint without
 * the lines (the lines' shares are read from the lines: a third of the JSON to parse).
 */
type PartRow = Pick<
  SupplierOrder,
  'id' | 'producerId' | 'delivery' | 'producerLocation' | 'deliveryLocation' | 'roundId' | 'deliveredAt' | 'createdAt'
> & { order: string; carbon: Omit<CarbonFootprint, 'lines'> };
/**
 * The columns of a line a report reads, in the order of a `LineRow`. The lines are read as arrays (a million-line
 * export made a row object in `pg`, then another in the ORM's result mapping, for each line).
 */
const LINE_FIELDS = [
  'supplierOrder',
  'productId',
  'name',
  'category',
  'ciqualCode',
  'unit',
  'quantityThousandths',
  'massKg',
  'totalCents',
  'brandIds',
  'carbonMassShare',
  'carbonTkm',
  'carbonEmissionsKgCo2e',
  'carbonBaselineKgCo2e',
  'carbonSavedKgCo2e',
  'carbonBaselineScenarioId',
] as const satisfies readonly (keyof OrderLine)[];
type LineRow = [
  supplierOrderId: string,
  productId: string,
  name: string,
  category: string,
  ciqualCode: string | null | undefined,
  unit: string,
  quantityThousandths: number,
  massKg: number,
  totalCents: number,
  /** An array on PostgreSQL (parsed with the batch's JSON), text on SQLite. */
  brandIds: string[] | string,
  massShare: number | null | undefined,
  tkm: number | null | undefined,
  emissionsKgCo2e: number | null | undefined,
  baselineKgCo2e: number | null | undefined,
  savedKgCo2e: number | null | undefined,
  baselineScenarioId: string | null | undefined,
];
type OrderRow = Pick<Order, 'id' | 'number' | 'createdAt' | 'buyerOrganizationId'> & {
  deliveryInseeCode: string | null;
};

/**
 * A batch of purchase lines, visited in order through ONE `PurchaseLine` refilled for each line (and its
 * `lineFootprint`): a million-line export made an object per line here and another per line in the report, and
 * collecting them was a third of its CPU. What must outlive `visit`'s call is copied from it (or taken from `toArray`).
 */
export interface PurchaseLineBatch {
  readonly length: number;
  /** The producers of the batch's lines, each once. */
  readonly producerIds: readonly string[];
  /** Calls `visit` with each line in turn: the same object each time, refilled. */
  forEach(visit: (line: PurchaseLine) => void): void;
  /** The lines as objects of their own. */
  toArray(): PurchaseLine[];
}

/**
 * The lines, a batch of supplier orders at a time, in a stable order (keyset on date and id): memory stays flat
 * whatever the period. Plain rows, not entities: on PostgreSQL two statements per batch sent together (supplier
 * orders with their orders, and their lines), on SQLite three one after the other; each footprint parsed once however
 * many lines share it. The next batch is read while the caller handles this one (an export formats and writes it),
 * so the database and the formatting overlap. Pass the caller's `em` (a job's transaction on SQLite).
 */
export async function* purchaseLineBatches(
  em: EntityManager,
  filter: PurchaseLineFilter,
): AsyncGenerator<PurchaseLineBatch> {
  let pending: Promise<LineBatch> | undefined = readBatch(em, filter);
  while (pending) {
    const batch: LineBatch = await pending;
    pending = batch.next ? readAhead(readBatch(em, filter, batch.next)) : undefined;
    if (batch.lines.length) yield batch.lines;
  }
}

/** `purchaseLineBatches`, each line an object of its own. */
export async function* purchaseLines(em: EntityManager, filter: PurchaseLineFilter): AsyncGenerator<PurchaseLine[]> {
  for await (const batch of purchaseLineBatches(em, filter)) yield batch.toArray();
}

/**
 * A read started before anyone awaits it: a failure while the caller is still busy with the previous batch (writing
 * a file) must reach the caller at its next pull, not end the process as an unhandled rejection; and a caller that
 * stops early never awaits it at all.
 */
function readAhead<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}

type Cursor = { at: Date; id: string };
type LineBatch = { lines: PurchaseLineBatch; next?: Cursor };

async function readBatch(em: EntityManager, filter: PurchaseLineFilter, after?: Cursor): Promise<LineBatch> {
  const { parts, orderOf, lines } =
    em.getPlatform() instanceof PostgreSqlPlatform
      ? await readThroughPg(em, filter, after)
      : await readThroughOrm(em, filter, after);
  if (parts.length === 0) return { lines: new SupplierOrderLines([]) };
  const linesOf = Map.groupBy(lines, (line) => line[0]);
  const older = await olderShares(em, parts, linesOf);
  const last = parts.at(-1)!;
  return {
    lines: new SupplierOrderLines(
      parts.map((part) =>
        supplierOrderLines(part, orderOf.get(part.order)!, linesOf.get(part.id) ?? [], older.get(part.id)),
      ),
    ),
    next:
      parts.length === BATCH
        ? { at: (filter.basis === 'delivered' ? last.deliveredAt : last.createdAt)!, id: last.id }
        : undefined,
  };
}

/** A batch's supplier orders in keyset order, their orders by id, and their lines (each order's in position order). */
type BatchRead = { parts: PartRow[]; orderOf: Map<string, OrderRow>; lines: LineRow[] };

/**
 * On PostgreSQL, straight through `pg` (the ORM's pool and type parsers), two statements sent together: the batch's
 * supplier orders with their orders (the same rows as the ORM's two queries, without building them through the query
 * builder and mapping them: ≈ 8 % of a CSV export's CPU), and their lines, selected by the same keyset. Neither
 * waits for the other: the next batch's whole read runs while the caller formats this one.
 */
async function readThroughPg(
  em: EntityManager,
  filter: PurchaseLineFilter,
  after: Cursor | undefined,
): Promise<BatchRead> {
  const dateColumn = filter.basis === 'delivered' ? 's.delivered_at' : 's.created_at';
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = [
    filter.basis === 'delivered'
      ? `s.status = ${param(SupplierOrderStatus.DELIVERED)}`
      : `s.status <> ${param(SupplierOrderStatus.CANCELLED)}`,
    `${dateColumn} >= ${param(filter.from)}`,
    `${dateColumn} < ${param(filter.to)}`,
  ];
  if (filter.buyerOrganizationId) where.push(`s.buyer_organization_id = ${param(filter.buyerOrganizationId)}`);
  if (filter.producerIds) where.push(`s.producer_id = any(${param(filter.producerIds)}::uuid[])`);
  // The same keyset as the ORM's (the redundant `>=` starts the index range at the cursor).
  if (after) {
    const at = param(after.at);
    where.push(
      `${dateColumn} >= ${at}`,
      `(${dateColumn} > ${at} or (${dateColumn} = ${at} and s.id > ${param(after.id)}))`,
    );
  }
  const pool = await pgPool(em);
  const keyset = `where ${where.join(' and ')} order by ${dateColumn}, s.id limit ${BATCH}`;
  const [{ rows }, lines] = await Promise.all([
    pool.query<{
      id: string;
      order_id: string;
      producer_id: string;
      delivery: PartRow['delivery'];
      producer_location: PartRow['producerLocation'];
      delivery_location: PartRow['deliveryLocation'];
      carbon: PartRow['carbon'];
      round_id: string | null;
      delivered_at: number | null;
      created_at: number;
      order_number: string;
      order_created_at: number;
      buyer_organization_id: string | null;
      delivery_insee_code: string | null;
    }>(
      `select s.id, s.order_id, s.producer_id, s.delivery, s.producer_location, s.delivery_location, s.carbon - 'lines' as carbon,
       s.round_id, ${epochMs('s.delivered_at')} as delivered_at, ${epochMs('s.created_at')} as created_at,
       o.number as order_number, ${epochMs('o.created_at')} as order_created_at, o.buyer_organization_id, o.delivery_insee_code
     from supplier_order s join customer_order o on o.id = s.order_id ${keyset}`,
      values,
    ),
    readLinesThroughPg(em, pool, `in (select s.id from supplier_order s ${keyset})`, values),
  ]);
  const orderOf = new Map<string, OrderRow>();
  const parts = rows.map((row): PartRow => {
    if (!orderOf.has(row.order_id))
      orderOf.set(row.order_id, {
        id: row.order_id,
        number: row.order_number,
        createdAt: new Date(row.order_created_at),
        buyerOrganizationId: row.buyer_organization_id ?? undefined,
        deliveryInseeCode: row.delivery_insee_code,
      });
    return {
      id: row.id,
      order: row.order_id,
      producerId: row.producer_id,
      delivery: row.delivery,
      producerLocation: row.producer_location,
      deliveryLocation: row.delivery_location,
      carbon: row.carbon,
      roundId: row.round_id ?? undefined,
      deliveredAt: row.delivered_at === null ? undefined : new Date(row.delivered_at),
      createdAt: new Date(row.created_at),
    };
  });
  // A supplier order always has lines: one without any here was delivered between the two statements (their
  // snapshots differ). Its lines are read by id, so that a batch never holds an order without them.
  const read = new Set(lines.map(([supplierOrderId]) => supplierOrderId));
  const unread = parts.filter((part) => !read.has(part.id)).map((part) => part.id);
  if (unread.length) lines.push(...(await readLinesThroughPg(em, pool, '= any($1::uuid[])', [unread])));
  return { parts, orderOf, lines };
}

/**
 * Elsewhere (SQLite, on the job's transaction: one statement after the other), through the query builder, as plain
 * rows.
 */
async function readThroughOrm(
  em: EntityManager,
  filter: PurchaseLineFilter,
  after: Cursor | undefined,
): Promise<BatchRead> {
  const { dateField, scope } = scopeOf(filter);
  // The redundant `>=` lets the index range start at the cursor (an OR alone makes PostgreSQL read from the period's start, every batch).
  const keyset = after
    ? {
        [dateField]: { $gte: after.at },
        $or: [{ [dateField]: { $gt: after.at } }, { [dateField]: after.at, id: { $gt: after.id } }],
      }
    : {};
  const parts = await em
    .createQueryBuilder(SupplierOrder, 's')
    .select([
      'id',
      'order',
      'producerId',
      'delivery',
      'producerLocation',
      'deliveryLocation',
      // PostgreSQL and SQLite both cut the lines out of the JSON before it is sent.
      raw(
        em.getPlatform() instanceof PostgreSqlPlatform
          ? `s.carbon - 'lines' as carbon`
          : `json_remove(s.carbon, '$.lines') as carbon`,
      ),
      'roundId',
      'deliveredAt',
      'createdAt',
    ])
    .where({ $and: [scope, keyset] } as never)
    .orderBy({ [dateField]: 'asc', id: 'asc' } as never)
    .limit(BATCH)
    .execute<PartRow[]>('all', true);
  if (parts.length === 0) return { parts, orderOf: new Map(), lines: [] };
  // Plain rows too (no entity per order), with the one field of the delivery address a report reads.
  const orders = await em
    .createQueryBuilder(Order, 'o')
    .select(['id', 'number', 'createdAt', 'buyerOrganizationId', raw('o.delivery_insee_code as "deliveryInseeCode"')])
    .where({ id: { $in: [...new Set(parts.map((part) => part.order))] } })
    .execute<OrderRow[]>('all', true);
  const lines = await em
    .createQueryBuilder(OrderLine, 'l')
    .select([...LINE_FIELDS])
    .where({ supplierOrder: { $in: parts.map((part) => part.id) } })
    .orderBy({ supplierOrder: 'asc', position: 'asc' })
    .execute<Record<(typeof LINE_FIELDS)[number], unknown>[]>('all', true);
  return {
    parts,
    orderOf: new Map(orders.map((order) => [order.id, order])),
    lines: lines.map((row) => LINE_FIELDS.map((field) => row[field]) as unknown as LineRow),
  };
}

/**
 * A timestamp as the milliseconds of its Date: the whole milliseconds since 1970 (floored, exact in `numeric`), what
 * the ORM's parsing of its text gives (microseconds dropped), without parsing a text a row.
 */
const epochMs = (column: string): string => `floor(extract(epoch from ${column}) * 1000)::float8`;

/** The ORM's own `pg` pool (its connections and type parsers). */
async function pgPool(em: EntityManager): Promise<Pool> {
  return (await (em.getConnection() as unknown as { getNativeClient(): Promise<Pool> }).getNativeClient()) as Pool;
}

/**
 * The lines of the supplier orders their id's `condition` selects (with `values`), each order's in position order,
 * as one JSON array of arrays: `pg` made a row and a string per column of each line, and parsed a million lines'
 * numbers one text at a time; `JSON.parse` of one text a batch gives the same values for 11 to 16 % less of the
 * worker's CPU on a million-line CSV (bench/RESULTS.md).
 */
async function readLinesThroughPg(
  em: EntityManager,
  pool: Pool,
  condition: string,
  values: unknown[],
): Promise<LineRow[]> {
  const meta = em.getMetadata().find(OrderLine)!;
  const column = (field: keyof OrderLine) => meta.properties[field].fieldNames[0];
  const { rows } = await pool.query<{ lines: string }>(
    `select coalesce(json_agg(json_build_array(${LINE_FIELDS.map(column).join(', ')})
       order by ${column('supplierOrder')}, ${column('position')}), '[]')::text as lines
     from ${meta.tableName} where ${column('supplierOrder')} ${condition}`,
    values,
  );
  return JSON.parse(rows[0].lines) as LineRow[];
}

/** How many lines `purchaseLines` will yield: what an export's progress counts against. */
export function countPurchaseLines(em: EntityManager, filter: PurchaseLineFilter): Promise<number> {
  return em.count(OrderLine, { supplierOrder: scopeOf(filter).scope } as never);
}

function scopeOf(filter: PurchaseLineFilter) {
  const dateField = filter.basis === 'delivered' ? 'deliveredAt' : 'createdAt';
  const scope = {
    ...(filter.basis === 'delivered'
      ? { status: SupplierOrderStatus.DELIVERED }
      : { status: { $ne: SupplierOrderStatus.CANCELLED } }),
    [dateField]: { $gte: filter.from, $lt: filter.to },
    ...(filter.buyerOrganizationId ? { buyerOrganizationId: filter.buyerOrganizationId } : {}),
    ...(filter.producerIds ? { producerId: { $in: filter.producerIds } } : {}),
  };
  return { dateField, scope };
}

/**
 * The footprint lines of the supplier orders whose lines have no share of their own (lines of an embedded SQLite
 * file written before the columns existed; PostgreSQL's were filled by their migration): read from the footprint.
 */
async function olderShares(
  em: EntityManager,
  parts: PartRow[],
  linesOf: Map<string, LineRow[]>,
): Promise<Map<string, readonly LineFootprint[]>> {
  const ids = parts
    .filter((part) => linesOf.get(part.id)?.some(([, , , , , , , , , , massShare]) => massShare == null))
    .map((part) => part.id);
  if (ids.length === 0) return new Map();
  const rows = await em
    .createQueryBuilder(SupplierOrder, 's')
    .select(['id', 'carbon'])
    .where({ id: { $in: ids } })
    .execute<Pick<SupplierOrder, 'id' | 'carbon'>[]>('all', true);
  return new Map(rows.map((row) => [row.id, parsedJson(row.carbon).lines]));
}

/** A share being filled (the footprint's own fields are read-only). */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A line's share, into `share`: its own columns, or (an older line) the footprint line at its place. */
function fillShare(share: Writable<LineFootprintShare>, line: LineRow, older: LineFootprint | undefined): void {
  const [, , , , , , , , , , massShare, tkm, emissionsKgCo2e, baselineKgCo2e, savedKgCo2e, baselineScenarioId] = line;
  if (massShare == null && older) {
    share.massShare = older.massShare;
    share.tkm = older.tkm;
    share.emissionsKgCo2e = older.emissionsKgCo2e;
    share.baselineKgCo2e = older.baselineKgCo2e;
    share.savedKgCo2e = older.savedKgCo2e;
    share.baselineScenarioId = older.baselineFactorIds[0] ?? null;
    return;
  }
  share.massShare = massShare!;
  share.tkm = tkm!;
  share.emissionsKgCo2e = emissionsKgCo2e!;
  share.baselineKgCo2e = baselineKgCo2e!;
  share.savedKgCo2e = savedKgCo2e!;
  share.baselineScenarioId = baselineScenarioId ?? null;
}

/** One supplier order's lines (in position order) with what they share, its JSON parsed once. */
interface SupplierOrderRows {
  part: PartRow;
  order: OrderRow;
  footprint: PurchaseLine['footprint'];
  producerLocation: PurchaseLine['producerLocation'];
  deliveryLocation: PurchaseLine['deliveryLocation'];
  deliveryMode: string;
  rows: LineRow[];
  /** The footprint's lines, for lines without a share of their own: they follow the same order (checkout computed them so). */
  older: readonly LineFootprint[] | undefined;
}

function supplierOrderLines(
  part: PartRow,
  order: OrderRow,
  rows: LineRow[],
  older: readonly LineFootprint[] | undefined,
): SupplierOrderRows {
  return {
    part,
    order,
    footprint: parsedJson(part.carbon),
    producerLocation: parsedJson(part.producerLocation),
    deliveryLocation: parsedJson(part.deliveryLocation),
    deliveryMode: parsedJson(part.delivery).mode,
    rows,
    older,
  };
}

/** A new line to fill (its share included): every field is set by `fillPurchaseLine`. */
const blankLine = (): PurchaseLine => ({ lineFootprint: {} }) as PurchaseLine;

/** The one place a purchase line is made from its rows. */
function fillPurchaseLine(line: PurchaseLine, of: SupplierOrderRows, row: LineRow, index: number): void {
  const { part, order } = of;
  const [, productId, productName, category, ciqualCode, unit, quantityThousandths, massKg, spendCents, brandIds] = row;
  line.orderId = order.id;
  line.orderNumber = order.number;
  line.orderedAt = order.createdAt;
  line.deliveredAt = part.deliveredAt ?? null;
  line.supplierOrderId = part.id;
  line.producerId = part.producerId;
  line.buyerOrganizationId = order.buyerOrganizationId ?? null;
  line.deliveryInseeCode = order.deliveryInseeCode ?? null;
  line.producerLocation = of.producerLocation;
  line.deliveryLocation = of.deliveryLocation;
  line.deliveryMode = of.deliveryMode;
  line.roundId = part.roundId ?? null;
  line.productId = productId;
  line.productName = productName;
  line.category = category;
  line.ciqualCode = ciqualCode ?? null;
  line.unit = unit;
  line.quantityThousandths = quantityThousandths;
  line.massKg = massKg;
  line.spendCents = spendCents;
  line.brandIds = parsedJson(brandIds);
  line.footprint = of.footprint;
  fillShare(line.lineFootprint, row, of.older?.[index]);
}

/** A batch's supplier orders and their lines, read as rows and visited as `PurchaseLine`s. */
class SupplierOrderLines implements PurchaseLineBatch {
  readonly length: number;
  readonly producerIds: readonly string[];

  constructor(private readonly supplierOrders: readonly SupplierOrderRows[]) {
    this.length = supplierOrders.reduce((sum, { rows }) => sum + rows.length, 0);
    this.producerIds = [...new Set(supplierOrders.map(({ part }) => part.producerId))];
  }

  forEach(visit: (line: PurchaseLine) => void): void {
    const line = blankLine();
    for (const of of this.supplierOrders)
      for (let index = 0; index < of.rows.length; index++) {
        fillPurchaseLine(line, of, of.rows[index], index);
        visit(line);
      }
  }

  toArray(): PurchaseLine[] {
    return this.supplierOrders.flatMap((of) =>
      of.rows.map((row, index) => {
        const line = blankLine();
        fillPurchaseLine(line, of, row, index);
        return line;
      }),
    );
  }
}

/** A JSON column of a raw row: PostgreSQL's driver parses `jsonb`, SQLite's hands the text over. */
function parsedJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
