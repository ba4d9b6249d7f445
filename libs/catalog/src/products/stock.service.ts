import { Injectable } from '@nestjs/common';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError, ErrorCode } from '@app/platform';
import { Product } from '../entities/product.entity';
import { fromThousandths } from '../quantity';

export interface StockMovement {
  productId: string;
  quantityThousandths: number;
}

/**
 * Stock taken and given back, the one place that moves it for orders. Each line is one conditional UPDATE: the
 * database checks and decrements in the same statement, so no two checkouts can both see the last unit (the
 * check-then-act race of the anchors, INV-01). Called inside the caller's transaction: a cart is taken whole or the
 * transaction rolls back whole.
 */
@Injectable()
export class StockService {
  /** Takes every line's quantity, locking products in ascending id order so that concurrent carts cannot deadlock. */
  async take(em: EntityManager, movements: readonly StockMovement[]): Promise<void> {
    for (const { productId, quantityThousandths } of inLockOrder(movements)) {
      const taken = await em.nativeUpdate(
        Product,
        { id: productId, active: true, stockThousandths: { $gte: quantityThousandths } },
        { stockThousandths: raw('stock_thousandths - ?', [quantityThousandths]) },
      );
      if (taken === 0) throw await outOfStock(em, productId);
    }
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

const inLockOrder = (movements: readonly StockMovement[]) =>
  [...movements].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));

async function outOfStock(em: EntityManager, productId: string): Promise<AppError> {
  const product = await em.findOne(Product, productId, {
    fields: ['stockThousandths', 'active', 'name'],
    refresh: true,
  });
  const available = product?.active ? fromThousandths(product.stockThousandths) : 0;
  return new AppError(ErrorCode.OUT_OF_STOCK, `Only ${available} left of ${product?.name ?? 'this product'}.`, {
    productId,
    available,
  });
}
