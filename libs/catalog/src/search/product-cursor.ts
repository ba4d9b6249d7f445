import { AppError } from '@app/platform';

export enum ProductSort {
  RELEVANCE = 'RELEVANCE',
  DISTANCE = 'DISTANCE',
  NEWEST = 'NEWEST',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
}

/** Where a page ended: the sort it belongs to, the sort value of its last product, and that product's id. */
export interface ProductCursor {
  sort: ProductSort;
  value: string | number;
  id: string;
}

export function encodeCursor(cursor: ProductCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');
}

/** Opaque to clients; a cursor of another sort, or not one of ours, is a bad input. */
export function decodeCursor(after: string, sort: ProductSort): ProductCursor {
  try {
    const [cursorSort, value, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [
      ProductSort,
      string | number,
      string,
    ];
    if (cursorSort === sort && (typeof value === 'string' || typeof value === 'number') && typeof id === 'string')
      return { sort, value, id };
  } catch {
    // falls through to the error below
  }
  throw AppError.badInput('after', 'This cursor does not belong to this listing; start again without it.');
}
