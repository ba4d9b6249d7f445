import { mkdirSync } from 'node:fs';
import { Migrator } from '@mikro-orm/migrations';
import type { MikroOrmModuleSyncOptions } from '@mikro-orm/nestjs';
import { PostgreSqlDriver, PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import type { EntityClass, EntityMetadata, Platform, TriggerDef } from '@mikro-orm/core';
import { AuditEntry } from '../audit/audit-entry.entity';
import type { AppConfig } from '../config/app-config';
import { DailyJobRun } from '../jobs/daily-job.entity';
import { OutboxDelivery } from '../jobs/outbox-delivery.entity';
import { OutboxMessage } from '../jobs/outbox-message.entity';
import { SentEmail } from '../mail/sent-email.entity';

export interface DatabaseOptions {
  /** The entities of the contexts; the platform's own are added. */
  entities: EntityClass<object>[];
  /** Where the versioned PostgreSQL migrations live; only the processes that apply or create them need it. */
  migrationsPath?: string;
  /**
   * What PostgreSQL lets one session of this process do before it gives up (GQL-09: a request cannot hold a connection
   * forever). The API sets them; the worker (exports read in long batches) and the CLI (migrations) do not.
   */
  sessionLimits?: SessionLimits;
}

/** PostgreSQL's per-session bounds, in milliseconds. */
export interface SessionLimits {
  /** Any one statement is cancelled past it (SQLSTATE 57014). */
  statementTimeoutMs: number;
  /** A wait for a row or table lock is given up past it (SQLSTATE 55P03). */
  lockTimeoutMs: number;
  /** A transaction left open with nothing running is ended past it, and its locks released. */
  idleInTransactionMs: number;
}

/**
 * MikroORM's options for the configured mode: PostgreSQL with versioned migrations when DATABASE_URL is set,
 * otherwise the embedded SQLite file, whose schema is created from the entities at start.
 * The entity list is explicit (not `autoLoadEntities`, whose registry is process-wide and emptied when an
 * application closes), so that the API, the worker, the CLI and each test's application all see the same.
 */
export function ormOptions(config: AppConfig, options: DatabaseOptions): MikroOrmModuleSyncOptions {
  const common = {
    discovery: { onMetadata: adaptToPlatform },
    entities: [OutboxMessage, OutboxDelivery, SentEmail, DailyJobRun, AuditEntry, ...options.entities],
    // No fork and AsyncLocalStorage scope per HTTP request: UnitOfWork forks per use (unit-of-work.ts).
    registerRequestContext: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
  } satisfies MikroOrmModuleSyncOptions;

  const { database } = config;
  if (database.kind === 'sqlite') {
    mkdirSync(database.dataDir, { recursive: true });
    return { ...common, driver: SqliteDriver, dbName: database.file };
  }
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: database.url,
    pool: { min: 0, max: database.poolMax },
    driverOptions: {
      // Planner costs for SSD-class storage: with the default 4, PostgreSQL scans all products rather than walk the
      // producer index for a radius search (54 ms instead of 1.4 ms on 100,000 products).
      options: `-c random_page_cost=${RANDOM_PAGE_COST}`,
      ...(options.sessionLimits ? pgSessionLimits(options.sessionLimits) : {}),
    },
    extensions: [Migrator],
    migrations: {
      path: options.migrationsPath,
      glob: '!(*.d).{js,ts}',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  };
}

const RANDOM_PAGE_COST = 1.1;

/** The limits as `pg`'s connection parameters, sent in each connection's start-up packet. */
function pgSessionLimits(limits: SessionLimits) {
  return {
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionMs,
  };
}

/** Triggers whose bodies differ by database, declared on the entity class as `static databaseTriggers`. */
export interface DatabaseTriggers {
  postgresql: TriggerDef[];
  sqlite: TriggerDef[];
}

/** An index only PostgreSQL can build (full text, GIN…), declared on the entity class for the migrations to match. */
export interface PostgresIndex {
  name: string;
  /** The whole `create index` statement. */
  expression: string;
}

/**
 * What differs between the two databases, in one place:
 * - entities list PostgreSQL-only indexes in a static `postgresIndexes`: they join the metadata on PostgreSQL (so
 *   that the migrations and the entities agree) and are left out of the embedded SQLite schema;
 * - entities list triggers per database in a static `databaseTriggers` (PL/pgSQL and SQLite bodies differ);
 * - on SQLite, an autoincrement bigint key is an `integer` column (SQLite's rowid), which MikroORM would otherwise
 *   see as changed and rebuild the table at every start.
 */
function adaptToPlatform(meta: EntityMetadata, platform: Platform): void {
  const triggers = (meta.class as { databaseTriggers?: DatabaseTriggers } | undefined)?.databaseTriggers;
  if (triggers) meta.triggers = [...(platform instanceof PostgreSqlPlatform ? triggers.postgresql : triggers.sqlite)];
  if (platform instanceof PostgreSqlPlatform) {
    const indexes = (meta.class as { postgresIndexes?: PostgresIndex[] } | undefined)?.postgresIndexes ?? [];
    for (const index of indexes)
      if (!meta.indexes.some((existing) => existing.name === index.name)) meta.indexes.push({ ...index });
    return;
  }
  for (const prop of Object.values(meta.properties)) {
    if (prop.primary && prop.autoincrement) prop.columnTypes = ['integer'];
  }
}
