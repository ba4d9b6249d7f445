import DataLoader from 'dataloader';

const LOADERS = Symbol('request-loaders');

/**
 * A DataLoader that lives as long as one GraphQL request, shared by every field resolver that asks for `name`: a
 * page of N objects then costs one query per relation, not N.
 */
export function requestLoader<K, V>(
  context: object,
  name: string,
  batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
): DataLoader<K, V> {
  const holder = context as { [LOADERS]?: Map<string, DataLoader<unknown, unknown>> };
  holder[LOADERS] ??= new Map();
  let loader = holder[LOADERS].get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch);
    holder[LOADERS].set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** Orders the rows of a batch query as the keys asked (null where missing), as DataLoader requires. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}
