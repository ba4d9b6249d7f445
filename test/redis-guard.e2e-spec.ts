import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { assertRedisKeepsJobs } from '@app/platform';
import { startPrivateRedis } from './support/private-redis';

/** JOB-07: the worker refuses a Redis that may evict keys (BullMQ's jobs are keys). */
describe('the Redis guard of the worker', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  const setPolicy = async (policy: string) => {
    const client = new Redis(redis.url);
    await client.config('SET', 'maxmemory-policy', policy);
    client.disconnect();
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
  });

  afterAll(() => redis?.destroy());

  it('refuses allkeys-lru with a sentence naming the setting, accepts noeviction', async () => {
    await setPolicy('allkeys-lru');
    await expect(assertRedisKeepsJobs(redis.url)).rejects.toThrow('maxmemory-policy is "allkeys-lru"');
    await setPolicy('noeviction');
    await expect(assertRedisKeepsJobs(redis.url)).resolves.toEqual({ checked: true });
  });

  it('stops the worker process at boot against an evicting Redis', async () => {
    await setPolicy('volatile-lru');
    const run = spawnSync(process.execPath, ['-r', './scripts/register-ts.cjs', 'apps/worker/src/main.ts'], {
      cwd: join(__dirname, '..'),
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'silent',
        REDIS_URL: redis.url,
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres',
        DAILY_JOBS: 'off',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'Configuration error: REDIS_URL points at a Redis whose maxmemory-policy is "volatile-lru"',
    );
    await setPolicy('noeviction');
  });
});
