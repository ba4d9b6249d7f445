import type { EntityManager } from '@mikro-orm/core';
import { AppError } from '../errors/app-error';

/** A page of a list sorted newest first, with a cursor per item (Relay cursor connections). */
export interface KeysetPage<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

export interface KeysetOptions {
  /** The time column the list is sorted by (then by id), newest first. */
  time?: string;
  /** The primary key is a number (an autoincrement), not a uuid. */
  numericId?: boolean;
  /** Oldest first (a review queue) rather than newest first. */
  oldestFirst?: boolean;
}

export function checkedFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw AppError.badInput('first', 'Ask for between 1 and 100 items at a time.');
  return first;
}

const encode = (at: Date, id: string | number) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

function decode(cursor: string, numericId: boolean): { at: Date; id: string | number } {
  const [iso, raw] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  const id = numericId ? Number(raw) : raw;
  if (!raw || Number.isNaN(at.getTime()) || (numericId && !Number.isSafeInteger(id))) {
    throw AppError.badInput('after', 'This cursor does not come from this list.');
  }
  return { at, id };
}

/** One page of `entity` rows matching `scope`, newest first (or oldest), after `after` (a cursor of the same list). */
export async function keysetPage<T extends object>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  scope: object,
  first: number,
  after: string | null | undefined,
  { time = 'createdAt', numericId = false, oldestFirst = false }: KeysetOptions = {},
): Promise<KeysetPage<T>> {
  const size = checkedFirst(first);
  let where: object = scope;
  if (after) {
    const { at, id } = decode(after, numericId);
    const beyond = oldestFirst ? '$gt' : '$lt';
    where = { $and: [scope, { $or: [{ [time]: { [beyond]: at } }, { [time]: at, id: { [beyond]: id } }] }] };
  }
  const direction = oldestFirst ? 'asc' : 'desc';
  const rows = await em.find(entity, where as never, {
    orderBy: { [time]: direction, id: direction } as never,
    limit: size + 1,
  });
  const totalCount = await em.count(entity, scope as never);
  const items = rows.slice(0, size);
  const cursors = items.map((item) => {
    const row = item as unknown as Record<string, unknown>;
    return encode(row[time] as Date, row.id as string | number);
  });
  return { items, cursors, hasNextPage: rows.length > size, totalCount };
}

/** A page as a Relay connection: edges with their cursors, pageInfo and the total. */
export function connectionOf<T>(page: KeysetPage<T>) {
  return {
    edges: page.items.map((node, index) => ({ node, cursor: page.cursors[index] })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
    totalCount: page.totalCount,
  };
}
