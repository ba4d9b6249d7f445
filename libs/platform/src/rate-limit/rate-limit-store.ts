import type { Redis } from 'ioredis';

/**
 * Counts events per key over a fixed window: in Redis when configured (shared by every API replica), in memory
 * otherwise. Used for the per-IP throttler and for the per-account sign-in failure counter.
 */
export interface RateLimitStore {
  /** Adds one event; returns how many the window holds now, and when it ends (ms). */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  count(key: string): Promise<number>;
  /** Takes back one event (a counted attempt that turned out not to be one); never below zero. */
  unhit(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

const HIT_SCRIPT = `local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

const UNHIT_SCRIPT = `if (tonumber(redis.call('GET', KEYS[1]) or '0') > 0) then redis.call('DECR', KEYS[1]) end
return 0`;

export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(key: string, windowMs: number) {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.key(key), windowMs)) as [number, number];
    return { count, resetInMs: Math.max(ttl, 0) };
  }

  async count(key: string) {
    return Number(await this.redis.get(this.key(key)));
  }

  async unhit(key: string) {
    await this.redis.eval(UNHIT_SCRIPT, 1, this.key(key));
  }

  async reset(key: string) {
    await this.redis.del(this.key(key));
  }

  disconnect(): void {
    this.redis.disconnect();
  }

  private key(key: string) {
    return `${this.prefix}:rate:${key}`;
  }
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  async hit(key: string, windowMs: number) {
    const now = Date.now();
    const current = this.live(key, now) ?? { count: 0, endsAt: now + windowMs };
    current.count++;
    this.windows.set(key, current);
    if (this.windows.size > 100_000) this.sweep(now);
    return { count: current.count, resetInMs: current.endsAt - now };
  }

  async count(key: string) {
    return this.live(key, Date.now())?.count ?? 0;
  }

  async unhit(key: string) {
    const window = this.live(key, Date.now());
    if (window && window.count > 0) window.count--;
  }

  async reset(key: string) {
    this.windows.delete(key);
  }

  private live(key: string, now: number) {
    const window = this.windows.get(key);
    return window && window.endsAt > now ? window : undefined;
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
