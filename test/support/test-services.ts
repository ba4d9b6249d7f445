import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { type AppConfig, type Environment, loadConfig } from '@app/platform';

/** The PostgreSQL server tests create their databases on, and the Redis they share (each under its own prefix). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const uniqueName = (label: string) =>
  `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty PostgreSQL database of its own for one test file. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `ancrage_test_${uniqueName(label)}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(`drop database if exists "${name}" with (force)`),
  };
}

/** A Redis key prefix of its own for one test file; `clear` removes every key under it. */
export function createTestRedisPrefix(label: string) {
  const prefix = `test_${uniqueName(label)}`;
  return {
    prefix,
    async clear(url = TEST_REDIS_URL): Promise<void> {
      const redis = new Redis(url);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}

/** A temporary DATA_DIR, removed by `remove`. */
export function createTempDir(label: string) {
  const path = mkdtempSync(join(tmpdir(), `ancrage-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * The profile the tests run the application in, chosen by ANCRAGE_TEST_PROFILE: `test` (the default: NODE_ENV test,
 * development secret, e-mails only recorded) or `production` (NODE_ENV production, a random JWT secret, e-mails
 * delivered over SMTP to the fake server that test/support/test-profile.setup.ts starts for each test file).
 */
export type TestProfile = 'test' | 'production';

export function testProfile(): TestProfile {
  const profile = process.env.ANCRAGE_TEST_PROFILE?.trim() || 'test';
  if (profile !== 'test' && profile !== 'production')
    throw new Error(`ANCRAGE_TEST_PROFILE must be test or production; got "${profile}".`);
  return profile;
}

/** Where the production profile's fake SMTP server listens; set by test/support/test-profile.setup.ts. */
export const TEST_SMTP_URL_VARIABLE = 'ANCRAGE_TEST_SMTP_URL';

// One secret per test file, of 43 characters, never the development default.
const PRODUCTION_PROFILE_JWT_SECRET = randomBytes(32).toString('base64url');

function profileEnvironment(): Environment {
  if (testProfile() === 'test') return { NODE_ENV: 'test' };
  const smtpUrl = process.env[TEST_SMTP_URL_VARIABLE];
  if (!smtpUrl) {
    throw new Error(
      `The production test profile needs ${TEST_SMTP_URL_VARIABLE}: run it through jest.config.cjs, whose setup starts the fake SMTP server.`,
    );
  }
  return { NODE_ENV: 'production', JWT_SECRET: PRODUCTION_PROFILE_JWT_SECRET, SMTP_URL: smtpUrl };
}

/**
 * The application's configuration as a test runs it: the profile's variables, quiet logs (TEST_LOG_LEVEL=error shows
 * the API's errors, the cause of an INTERNAL_SERVER_ERROR a test met) and the given variables.
 */
export function testConfig(env: Environment): AppConfig {
  // The per-IP sign-in limit is raised: a test file signs many users in from 127.0.0.1. AUTH-04 sets its own.
  // Daily jobs are enqueued by the tests that exercise them, not at a moment of the scheduler's choosing.
  return loadConfig({
    ...profileEnvironment(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    DAILY_JOBS: 'off',
    ...env,
  });
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 50, what = 'the condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
