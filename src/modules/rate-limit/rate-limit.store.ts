import IORedis, { type Redis } from 'ioredis';

export interface WindowCount {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

/** Counts requests per key in fixed windows. Also the injection token. */
export abstract class RateLimitStore {
  abstract hit(key: string, windowMs: number): Promise<WindowCount>;
  abstract close(): Promise<void>;
}

/** One process (embedded mode): a map of windows, pruned as they end. */
export class MemoryRateLimitStore extends RateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    if (this.windows.size > 10_000) this.prune(now);
    const current = this.windows.get(key);
    const window = current && current.endsAt > now ? current : { count: 0, endsAt: now + windowMs };
    window.count += 1;
    this.windows.set(key, window);
    return { count: window.count, resetMs: window.endsAt - now };
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

/** INCR and, on the window's first request, PEXPIRE, in one atomic script; answers the count and the time left. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return { count, ttl }
`;

/** Shared by every API process through Redis, so the limit holds behind a load balancer. */
export class RedisRateLimitStore extends RateLimitStore {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix: string) {
    super();
    this.redis = new IORedis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, `${this.prefix}:rate-limit:${key}`, String(windowMs))) as [number, number];
    return { count, resetMs: ttl };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
