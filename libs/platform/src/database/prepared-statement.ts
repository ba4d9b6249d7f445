import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';

/** Each statement text's name, hashed once. */
const statementNames = new Map<string, string>();

/**
 * Runs a statement written with `?` placeholders and answers its rows. On PostgreSQL outside a transaction, as a
 * prepared statement through the ORM's own pool (same connections, settings and type parsers), named by its text's
 * hash with its values apart: PostgreSQL parses and plans each text once per connection instead of every time, as
 * the catalog's reads do (issue #24). Inside a transaction (whose connection it must use), and on SQLite, through
 * the EntityManager as any statement. The text must hold no `?` but its placeholders; errors are the driver's (the
 * caller converts them if it wants MikroORM's exceptions).
 */
export async function executePrepared<T extends object = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  values: readonly unknown[],
): Promise<T[]> {
  if (em.isInTransaction() || !(em.getPlatform() instanceof PostgreSqlPlatform))
    return em.execute<T[]>(sql, values as unknown[], 'all');
  const pool = (await (
    em.getConnection() as unknown as { getNativeClient(): Promise<Pool> }
  ).getNativeClient()) as Pool;
  let name = statementNames.get(sql);
  if (!name) {
    name = `stmt_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
    // A few texts per caller (by the number of values listed): bounded, but never let it grow without end.
    if (statementNames.size >= 500) statementNames.clear();
    statementNames.set(sql, name);
  }
  let position = 0;
  const text = sql.replace(/\?/g, () => `$${++position}`);
  return (await pool.query({ name, text, values: values as unknown[] })).rows as T[];
}
