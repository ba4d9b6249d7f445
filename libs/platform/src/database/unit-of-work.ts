import { Injectable } from '@nestjs/common';
import { type Configuration, MikroORM, TransactionContext, type IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';

export interface TransactionalOptions {
  isolationLevel?: IsolationLevel;
}

/**
 * The one way to reach the database: services read the EntityManager of the current unit of work (`em`) and never
 * make or take one. A unit starts at a boundary and follows everything awaited inside it (MikroORM's
 * AsyncLocalStorage contexts):
 * - an HTTP request (REST or GraphQL) has none of its own: outside a transaction each `em` is a new fork anyway, so
 *   MikroORM's request-context middleware (a fork and an AsyncLocalStorage scope per request, used by nothing) is off
 *   (`registerRequestContext: false` in orm-options.ts); the global EntityManager stays forbidden there;
 * - a job run, a daily-job tick, a CLI command, the demo seeder and a health check open one with `run`;
 * - `transactional` runs its callback in a transaction whose EntityManager is then the current one — a service called
 *   inside it reads and writes in that transaction (a savepoint when a transaction is already running), so nothing
 *   waits for a second connection (the embedded SQLite file has one).
 * A separate unit is rarely wanted (a failure recorded after a rollback, a lock taken in its own transaction): then
 * `em.fork()` with a comment saying why.
 */
@Injectable()
export class UnitOfWork {
  private readonly root: EntityManager;

  constructor(orm: MikroORM) {
    // The framework seam: MikroORM types its EntityManager for any driver; both of ours (PostgreSQL, SQLite) are SQL.
    this.root = orm.em as EntityManager;
    flipGlobalContextWithoutSync(orm.config);
  }

  /**
   * The current unit's EntityManager: inside a transaction, that transaction's. Outside one, a new EntityManager
   * forked from the unit's (request, job, command) for this use: its reads start from an empty identity map, so what an
   * earlier step of the request loaded, and a transaction then changed with a conditional UPDATE, is read afresh.
   */
  get em(): EntityManager {
    const current = this.root.getContext(false);
    return current.getTransactionContext() ? current : current.fork();
  }

  /**
   * Runs `work` in a transaction, flushed and committed when it returns, rolled back when it throws; inside a running
   * transaction, in a savepoint of it that sees what the transaction loaded. A new transaction's EntityManager starts
   * with an empty identity map (what it locks or counts is read afresh). It is the current one for everything `work`
   * awaits.
   */
  transactional<T>(work: (em: EntityManager) => T | Promise<T>, options: TransactionalOptions = {}): Promise<T> {
    const running = this.root.getContext(false).getTransactionContext() !== undefined;
    return this.root.transactional(work, { clear: !running, ...options });
  }

  /**
   * A boundary: runs `work` in a unit of its own — its own EntityManager, outside any transaction of the caller (an
   * in-process job started while a request's transaction was running must not use it). Job runs, daily-job ticks,
   * CLI commands, the demo seeder, health checks.
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    // Forked from the root, not from the current unit; registered as the context's EntityManager (the transaction
    // context, which MikroORM prefers to the request context) without a transaction: `transactional` inside begins one.
    const em = this.root.fork({ disableContextResolution: true, useContext: true });
    return TransactionContext.create(em, work);
  }
}

/**
 * `EntityManager.fork()` turns `allowGlobalContext` on and back off through `Configuration.set`, and each `set`
 * re-syncs the whole configuration, which writes `process.env.MIKRO_ORM_COLORS`: two environment writes (a lock and
 * a copy in libuv) per fork, and a request forks once per `em` it reads. The flag is read, never derived from, so
 * it is written straight into the options; every other key keeps MikroORM's `set`.
 */
function flipGlobalContextWithoutSync(config: Configuration): void {
  const set = config.set.bind(config);
  const options = config.getAll();
  config.set = (key, value) => {
    if (key === 'allowGlobalContext') options.allowGlobalContext = value as boolean;
    else set(key, value);
  };
}
