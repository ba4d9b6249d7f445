import { Injectable } from '@nestjs/common';
import { raw } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError, ErrorCode, type InsertCondition } from '@app/platform';
import { Product } from '../entities/product.entity';
import { fromThousandths } from '../quantity';

export interface StockMovement {
  productId: string;
  quantityThousandths: number;
}

/**
 * Stock taken and given back, the one place that moves it for orders. Stock is taken by conditional UPDATEs: the
 * database checks and decrements in the same statement, so no two checkouts can both see the last unit (the
 * check-then-act race of the anchors, INV-01). Called inside the caller's transaction: a cart is taken whole or the
 * transaction rolls back whole.
 */
@Injectable()
export class StockService {
  /**
   * Takes every line's quantity, locking products in ascending id order so that concurrent carts cannot deadlock.
   * Waiting too long behind other checkouts for a product's row lock (the API's `statement_timeout`, 5 s, or a
   * `lock_timeout`) answers CONFLICT with `reason: 'STOCK_BUSY', retryable: true` rather than an internal error:
   * nothing was taken, the same request may be sent again (with the same idempotency key).
   */
  async take(em: EntityManager, movements: readonly StockMovement[]): Promise<void> {
    try {
      if (em.getPlatform() instanceof PostgreSqlPlatform) await takeAtOnce(em, movements);
      else await takeLineByLine(em, movements);
    } catch (error) {
      if (isLockWaitTooLong(error)) throw stockBusy();
      throw error;
    }
  }
  /**
   * PostgreSQL: takes the cart's stock in the very statement that writes what it was taken for (`write`, given the
   * condition to pass to `insertAtOnce`; issue #24 item 3), so an order and its stock commit together in one
   * statement. Its rows are locked in ascending id order, as `take` locks them; then, unless a product is missing,
   * inactive or short of the cart's quantity of it (lines of the same product summed) — the first such in id order
   * refuses the write and nothing is taken nor written: OUT_OF_STOCK for it — every product is decremented and its
   * optimistic-lock version moved. Waiting too long for a row lock: CONFLICT `STOCK_BUSY`, as `take` answers.
   */
  async takeWriting(
    movements: readonly StockMovement[],
    write: (condition: InsertCondition) => Promise<Record<string, unknown>[]>,
  ): Promise<void> {
    const wanted = wantedOf(movements);
    const ids = [...wanted.keys()].sort();
    const list = ids.map(() => '?').join(', ');
    const condition: InsertCondition = {
      with: `stock_wanted as (select * from unnest(array[${list}]::uuid[], array[${list}]::int[]) as w(id, quantity)),
       stock_locked as materialized (select p.id, p.name, p.active, p.stock_thousandths from product p where p.id in (select id from stock_wanted) order by p.id for update of p),
       stock_short as materialized (select w.id, l.name, coalesce(l.active, false) as active, coalesce(l.stock_thousandths, 0) as stock_thousandths
         from stock_wanted w left join stock_locked l on l.id = w.id
         where l.id is null or not l.active or l.stock_thousandths < w.quantity order by w.id limit 1),
       stock_taken as (update product p set stock_thousandths = p.stock_thousandths - w.quantity, version = p.version + 1
         from stock_wanted w where p.id = w.id and p.stock_thousandths >= w.quantity and not exists (select 1 from stock_short))`,
      values: [...ids, ...ids.map((id) => wanted.get(id)!)],
      refusal: 'stock_short',
    };
    let refused: Record<string, unknown>[];
    try {
      refused = await write(condition);
    } catch (error) {
      if (isLockWaitTooLong(error)) throw stockBusy();
      throw error;
    }
    if (refused.length === 0) return;
    const short = refused[0] as { id: string; name: string | null; active: boolean; stock_thousandths: number };
    throw outOfStockError(short.id, short.name ?? undefined, short.active ? Number(short.stock_thousandths) : 0);
  }

  /** Puts quantities back (a cancelled supplier order). The caller makes sure it happens once. */
  async restore(em: EntityManager, movements: readonly StockMovement[]): Promise<void> {
    for (const { productId, quantityThousandths } of inLockOrder(movements)) {
      await em.nativeUpdate(
        Product,
        { id: productId },
        { stockThousandths: raw('stock_thousandths + ?', [quantityThousandths]) },
      );
    }
  }
}

/** SQLite (one writer at a time) and the reference: one conditional UPDATE per line, in id order. */
async function takeLineByLine(em: EntityManager, movements: readonly StockMovement[]): Promise<void> {
  for (const { productId, quantityThousandths } of inLockOrder(movements)) {
    const taken = await em.nativeUpdate(
      Product,
      { id: productId, active: true, stockThousandths: { $gte: quantityThousandths } },
      { stockThousandths: raw('stock_thousandths - ?', [quantityThousandths]) },
    );
    if (taken === 0) throw await outOfStock(em, productId);
  }
}

/**
 * PostgreSQL: the whole cart in one statement (issue #24 item 3) — the rows locked first, in ascending id order (the
 * materialized `for update` CTE, as the line-by-line UPDATEs lock them), then every product decremented where it is
 * active and its stock covers the cart's quantity of it (lines of the same product summed). A product missing from
 * what the statement answers took nothing: OUT_OF_STOCK, and the caller's transaction rolls back whole. The
 * optimistic-lock version moves as the ORM's UPDATE moves it.
 */
async function takeAtOnce(em: EntityManager, movements: readonly StockMovement[]): Promise<void> {
  const wanted = wantedOf(movements);
  if (wanted.size === 0) return;
  const ids = [...wanted.keys()].sort();
  const list = ids.map(() => '?').join(', ');
  const taken = await em.execute<{ id: string }[]>(
    `with wanted as (select * from unnest(array[${list}]::uuid[], array[${list}]::int[]) as w(id, quantity)),
     locked as materialized (select p.id from product p where p.id in (select id from wanted) order by p.id for update of p)
     update product p set stock_thousandths = p.stock_thousandths - w.quantity, version = p.version + 1
     from wanted w, locked l
     where p.id = w.id and l.id = p.id and p.active and p.stock_thousandths >= w.quantity
     returning p.id`,
    [...ids, ...ids.map((id) => wanted.get(id)!)],
  );
  if (taken.length === ids.length) return;
  const done = new Set(taken.map((row) => row.id));
  throw await outOfStock(
    em,
    ids.find((id) => !done.has(id))!,
  );
}

/** The quantity wanted of each product (lines of the same product summed). */
function wantedOf(movements: readonly StockMovement[]): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const { productId, quantityThousandths } of movements)
    wanted.set(productId, (wanted.get(productId) ?? 0) + quantityThousandths);
  return wanted;
}

/** PostgreSQL gave up waiting for a row lock (lock_timeout: 55P03) or cancelled the statement (statement_timeout: 57014). */
function isLockWaitTooLong(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '55P03' || code === '57014';
}

function stockBusy(): AppError {
  return new AppError(
    ErrorCode.CONFLICT,
    'Many orders are taking the same products right now: nothing was ordered; send the order again in a moment.',
    { reason: 'STOCK_BUSY', retryable: true },
  );
}

const inLockOrder = (movements: readonly StockMovement[]) =>
  [...movements].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));

async function outOfStock(em: EntityManager, productId: string): Promise<AppError> {
  const product = await em.findOne(Product, productId, {
    fields: ['stockThousandths', 'active', 'name'],
    refresh: true,
  });
  return outOfStockError(productId, product?.name, product?.active ? product.stockThousandths : 0);
}

function outOfStockError(productId: string, name: string | undefined, stockThousandths: number): AppError {
  const available = fromThousandths(stockThousandths);
  return new AppError(ErrorCode.OUT_OF_STOCK, `Only ${available} left of ${name ?? 'this product'}.`, {
    productId,
    available,
  });
}
