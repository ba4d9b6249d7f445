import { type EntityMetadata, type EntityProperty, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { executePrepared } from './prepared-statement';

/**
 * A precondition of `insertAtOnce`, checked in its statement: common table expressions run before the inserts (`with`,
 * `name as (…)` separated by commas, their values as `?`), one of which (`refusal`) answers the rows that refuse the
 * write. When it answers any, nothing is inserted and the statement answers them; otherwise every row is inserted
 * and the statement answers none. (Checkout takes a cart's stock this way, in the statement that writes its order:
 * `StockService.takeWriting`.)
 */
export interface InsertCondition {
  with: string;
  values: readonly unknown[];
  refusal: string;
}

/**
 * PostgreSQL only: inserts new entities — of several tables, in one statement (issue #24 item 3) — without the
 * unit of work: one data-modifying CTE per table, each reading its rows from one JSON array by column name
 * (`jsonb_populate_recordset`, so every value gets its column's type). The foreign keys are checked at the end of
 * the statement, so children may reference parents inserted beside them. The columns are the entities' own mapping
 * (MikroORM's metadata): a property added to an entity is written here too. A row's unset property is left to the
 * column's default, as the unit of work leaves it; an auto-increment key the database gives.
 *
 * Inside a transaction the statement is the transaction's. Outside one it is a transaction of its own (one statement
 * commits whole or not at all), prepared (`executePrepared`: the JSON is not quoted into its text either).
 *
 * The entities stay unmanaged (made with `em.create(…, { persist: false })`): they are the answer, not rows the
 * EntityManager would flush again. A unique key's violation is MikroORM's `UniqueConstraintViolationException`, as
 * from a flush (every error converted as MikroORM converts it, its `code` kept). With a `condition`, the
 * rows its refusal answered (none when everything was written).
 */
export async function insertAtOnce(
  em: EntityManager,
  entities: readonly object[],
  condition?: InsertCondition,
): Promise<Record<string, unknown>[]> {
  const byTable = new Map<EntityMetadata, Record<string, unknown>[]>();
  for (const entity of entities) {
    const meta = em.getMetadata().get(entity.constructor);
    const rows = byTable.get(meta) ?? [];
    rows.push(rowOf(meta, entity as Record<string, unknown>));
    byTable.set(meta, rows);
  }
  if (byTable.size === 0 && !condition) return [];
  const unlessRefused = condition ? ` where not exists (select 1 from ${condition.refusal})` : '';
  const inserts = [...byTable].map(([meta, rows]) => {
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].map((column) => `"${column}"`).join(', ');
    return `insert into "${meta.tableName}" (${columns}) select ${columns} from jsonb_populate_recordset(null::"${meta.tableName}", ?::jsonb)${unlessRefused}`;
  });
  const ctes = inserts.map((insert, index) => `with_${index} as (${insert})`);
  let sql: string;
  if (condition) sql = `with ${[condition.with, ...ctes].join(', ')} select * from ${condition.refusal}`;
  else {
    const last = inserts.pop()!;
    ctes.pop();
    sql = ctes.length ? `with ${ctes.join(', ')} ${last}` : last;
  }
  const values = [...(condition?.values ?? []), ...[...byTable.values()].map((rows) => JSON.stringify(rows))];
  try {
    return await executePrepared(em, sql, values);
  } catch (error) {
    throw em
      .getPlatform()
      .getExceptionConverter()
      .convertException(error as Error);
  }
}

/** One entity's columns as the unit of work would write them, keyed by column name, JSON-ready. */
function rowOf(meta: EntityMetadata, entity: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (!written(prop)) continue;
    const value = valueOf(prop, entity);
    if (value === undefined) continue;
    row[prop.fieldNames[0]] = value instanceof Date ? value.toISOString() : value;
  }
  return row;
}

function written(prop: EntityProperty): boolean {
  if (prop.persist === false || prop.formula) return false;
  if (prop.kind === ReferenceKind.SCALAR) return true;
  if (prop.kind === ReferenceKind.MANY_TO_ONE) return prop.fieldNames.length === 1;
  return prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner && prop.fieldNames.length === 1;
}

function valueOf(prop: EntityProperty, entity: Record<string, unknown>): unknown {
  if (prop.embedded) {
    const [parent, child] = prop.embedded;
    const embeddable = entity[parent] as Record<string, unknown> | null | undefined;
    return embeddable == null ? embeddable : embeddable[child];
  }
  const value = entity[prop.name];
  if (prop.kind === ReferenceKind.SCALAR || value == null) return value;
  // A reference: its key (the entities here have one-column keys).
  const reference = value as Record<string, unknown>;
  return reference[prop.targetMeta!.primaryKeys[0]];
}
