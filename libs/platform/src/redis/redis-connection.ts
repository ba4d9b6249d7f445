import { Redis, type RedisOptions } from 'ioredis';

/**
 * `request`: fails fast while Redis is down (the outbox keeps the work), for callers on a request path.
 * `blocking`: waits and reconnects forever, as BullMQ workers require (`maxRetriesPerRequest: null`).
 */
export function createRedisConnection(url: string, purpose: 'request' | 'blocking'): Redis {
  const options: RedisOptions =
    purpose === 'request'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 }
      : { maxRetriesPerRequest: null, enableOfflineQueue: true };
  const redis = new Redis(url, {
    ...options,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  // Connection errors are reported by the callers' own failures and by /health/ready; keep them off stderr.
  redis.on('error', () => undefined);
  return redis;
}
