import { createHash } from 'node:crypto';
import { type EntityClass, type FormulaTable, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';

/** Each statement text's name, hashed once (a SHA-1 of a 3 kB text on every request was ≈ 1.7 % of a read's CPU). */
const statementNames = new Map<string, string>();

/**
 * PostgreSQL: runs a statement written with `$1`, `$2`… placeholders as a prepared statement through the ORM's own
 * pool (same connections, settings and type parsers), outside any transaction, and answers its rows. It is named by
 * its text's hash, its values apart: PostgreSQL parses and plans each text once per connection instead of every time
 * (issue #24: the catalog's near-search cost its backend 3.8–4.6 ms of CPU a request against 1.6–1.7 ms prepared).
 * Errors are the driver's (the caller converts them if it wants MikroORM's exceptions).
 */
export async function queryPrepared<T extends object = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  values: readonly unknown[],
): Promise<T[]> {
  const pool = (await (
    em.getConnection() as unknown as { getNativeClient(): Promise<Pool> }
  ).getNativeClient()) as Pool;
  let name = statementNames.get(text);
  if (!name) {
    name = `stmt_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    // A few texts per caller (by filter combination, page size, number of values listed): bounded, but never let
    // it grow without end.
    if (statementNames.size >= 1000) statementNames.clear();
    statementNames.set(text, name);
  }
  return (await pool.query({ name, text, values: values as unknown[] })).rows as T[];
}

/**
 * Runs a statement written with `?` placeholders and answers its rows: on PostgreSQL outside a transaction prepared
 * (`queryPrepared`); inside a transaction (whose connection it must use), and on SQLite, through the EntityManager as
 * any statement. The text must hold no `?` but its placeholders.
 */
export async function executePrepared<T extends object = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  values: readonly unknown[],
): Promise<T[]> {
  if (!preparesStatements(em)) return em.execute<T[]>(sql, values as unknown[], 'all');
  let position = 0;
  return queryPrepared<T>(
    em,
    sql.replace(/\?/g, () => `$${++position}`),
    values,
  );
}

/** Whether `executePrepared` prepares its statement here: on PostgreSQL, outside a transaction. */
export function preparesStatements(em: EntityManager): boolean {
  return !em.isInTransaction() && em.getPlatform() instanceof PostgreSqlPlatform;
}

/** Each entity's select lists, worked out once per metadata, alias and formulas. */
const selectLists = new WeakMap<object, Map<string, string>>();

/**
 * The columns `em.find` reads of `entity` under `alias` — every column but the lazy ones, plus the lazy formulas
 * named in `formulas` (evaluated by the ORM's driver from their own definition, under their own column name) — for a
 * statement written by hand whose rows `em.map` then makes into managed entities, as `em.find` would have made them
 * (issue #24: authentication and the membership check read one row each per request; the ORM built and PostgreSQL
 * planned their statements every time).
 */
export function entityColumnsSql(
  em: EntityManager,
  entity: EntityClass<object>,
  alias: string,
  formulas: readonly string[] = [],
): string {
  const meta = em.getMetadata().get(entity);
  let known = selectLists.get(meta);
  if (!known) selectLists.set(meta, (known = new Map()));
  const key = `${alias}:${formulas.join(',')}`;
  let text = known.get(key);
  if (text === undefined) {
    const driver = em.getDriver();
    const platform = em.getPlatform();
    const quotedAlias = platform.quoteIdentifier(alias).toString();
    const columns: string[] = [];
    for (const prop of meta.props) {
      if (prop.formula) {
        if (prop.lazy && !formulas.includes(prop.name)) continue;
        const table: FormulaTable = {
          alias: quotedAlias,
          name: meta.tableName,
          qualifiedName: meta.tableName,
          toString: () => quotedAlias,
        };
        const value = driver.evaluateFormula(prop.formula, meta.createColumnMappingObject(alias), table);
        columns.push(`${value} as ${platform.quoteIdentifier(prop.fieldNames[0])}`);
      } else if (
        !prop.lazy &&
        prop.persist !== false &&
        prop.kind !== ReferenceKind.EMBEDDED &&
        prop.fieldNames?.length
      ) {
        columns.push(...prop.fieldNames.map((field) => `${quotedAlias}.${platform.quoteIdentifier(field)}`));
      }
    }
    known.set(key, (text = columns.join(', ')));
  }
  return text;
}
