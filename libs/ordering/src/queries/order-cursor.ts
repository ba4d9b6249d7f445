import { AppError } from '@app/platform';

/** Where a page of orders (newest first) stopped: the creation time and id of its last row. */
export interface OrderCursor {
  createdAt: Date;
  id: string;
}

export const encodeOrderCursor = ({ createdAt, id }: OrderCursor): string =>
  Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');

export function decodeOrderCursor(cursor: string): OrderCursor {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime()))
    throw AppError.badInput('after', 'This cursor does not come from this list.');
  return { createdAt, id };
}

/** The keyset condition "after this cursor" for rows sorted by createdAt then id, both descending. */
export const afterCursor = ({ createdAt, id }: OrderCursor) => ({
  $or: [{ createdAt: { $lt: createdAt } }, { createdAt, id: { $lt: id } }],
});

export function checkedPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw AppError.badInput('first', 'Ask for between 1 and 100 items at a time.');
  return first;
}
