import { createHash } from 'node:crypto';
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
  if (em.isInTransaction() || !(em.getPlatform() instanceof PostgreSqlPlatform))
    return em.execute<T[]>(sql, values as unknown[], 'all');
  let position = 0;
  return queryPrepared<T>(
    em,
    sql.replace(/\?/g, () => `$${++position}`),
    values,
  );
}
