import { redirect } from 'react-router';
import { ApiError } from './api-error';

/**
 * A list's page in the address: the cursor of a GraphQL connection (`endCursor`) in a parameter of its own (`?apres=`,
 * or one name per list when a page shows several), every other parameter (the filters) kept as it is.
 */

/** The cursor `?<name>=` carries; null when absent or empty (the list's first page). */
export function cursorParam(params: URLSearchParams, name: string): string | null {
  return params.get(name)?.trim() || null;
}

/** `path` with the address's parameters and `changes` (a null removes one: that list's first page), filters kept. */
export function pageHref(path: string, params: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return `${path}${next.size ? `?${next}` : ''}`;
}

/**
 * A list's read from the cursors named `names` in `url`: when the API refuses one (BAD_USER_INPUT on `after`: a cursor
 * from another list, or edited by hand), the same address without them, that is the first page with the same filters.
 */
export function firstPageOnBadCursor<T>(reading: Promise<T>, url: URL, names: readonly string[]): Promise<T> {
  return reading.catch((error: unknown) => {
    const given = names.filter((name) => cursorParam(url.searchParams, name));
    if (error instanceof ApiError && error.code === 'BAD_USER_INPUT' && error.field === 'after' && given.length)
      throw redirect(pageHref(url.pathname, url.searchParams, Object.fromEntries(given.map((name) => [name, null]))));
    throw error;
  });
}
