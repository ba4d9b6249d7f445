import { Redis } from 'ioredis';
import { ConfigError } from '../config/app-config';

/**
 * BullMQ keeps its jobs as Redis keys: a Redis allowed to evict keys under memory pressure loses jobs silently
 * (RELIABILITY.md JOB-07). The worker checks the policy before it starts. Where CONFIG is not allowed (some managed
 * Redis), the check cannot be made: the caller is told, and the operator must make sure.
 */
export async function assertRedisKeepsJobs(url: string): Promise<{ checked: boolean }> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let policy: string | undefined;
    try {
      policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1];
    } catch {
      return { checked: false };
    }
    if (policy !== 'noeviction') {
      throw new ConfigError(
        `REDIS_URL points at a Redis whose maxmemory-policy is "${policy}": it may evict keys and lose jobs. Set maxmemory-policy noeviction (and appendonly yes).`,
      );
    }
    return { checked: true };
  } finally {
    redis.disconnect();
  }
}
