import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';

/**
 * Another transaction was in the way, and this one rolled back whole: PostgreSQL gave up a wait for a lock (55P03, past
 * the API's 3 s lock_timeout), chose it as a deadlock's victim (40P01) or failed its serialization (40001), or SQLite
 * stayed locked. Nothing is wrong with the request: sent again a moment later, it may well succeed.
 */
export function isBusyDatabase(error: unknown): boolean {
  if (error instanceof DeadlockException || error instanceof LockWaitTimeoutException) return true;
  return (error as { code?: unknown } | null)?.code === '55P03';
}

export const BUSY_DATABASE_MESSAGE =
  'The data this request needs is being changed by another request right now; send it again in a moment.';
