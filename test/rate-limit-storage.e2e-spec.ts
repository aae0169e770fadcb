import Redis from 'ioredis';
import { AppConfig, RedisThrottlerStorage } from '@app/core';
import { applyTestEnvironment } from './setup/test-environment';
import { eventually } from './support/test-worker';

/**
 * The throttler storage against the real Redis: exact at the limit across
 * instances, no Redis round trip per request far below it, and the hits
 * counted locally reach Redis.
 */
describe('RedisThrottlerStorage (real Redis)', () => {
  let config: AppConfig;
  let redis: Redis;
  const storages: RedisThrottlerStorage[] = [];
  /** A storage whose connection is up (before it is, the storage fails open by design). */
  const storage = async () => {
    const s = new RedisThrottlerStorage(config);
    storages.push(s);
    const r = (s as unknown as { redis: Redis }).redis;
    if (r.status !== 'ready') await new Promise((ok) => r.once('ready', ok));
    return s;
  };
  /** Calls of the Lua script: one per Redis round trip. */
  const roundTrips = (s: RedisThrottlerStorage) => {
    const r = (s as unknown as { redis: { throttleIncrement: (...a: unknown[]) => unknown } })
      .redis;
    const original = r.throttleIncrement.bind(r);
    const calls = { n: 0 };
    r.throttleIncrement = (...a: unknown[]) => {
      calls.n++;
      return original(...a);
    };
    return calls;
  };
  const key = (name: string) => `${name}-${Date.now()}-${Math.random()}`;

  beforeAll(() => {
    applyTestEnvironment();
    config = AppConfig.fromEnvironment();
    redis = new Redis(config.env.REDIS_URL);
  });
  afterAll(async () => {
    for (const s of storages) s.onModuleDestroy();
    redis.disconnect();
  });

  it('refuses exactly past the limit, whichever instance takes the hits', async () => {
    const [a, b] = [await storage(), await storage()];
    const k = key('exact');
    const hit = (s: RedisThrottlerStorage) => s.increment(k, 60_000, 4, 0, 'default');
    const seen = [];
    for (const s of [a, b, a, b, a, b]) seen.push((await hit(s)).isBlocked);
    expect(seen).toEqual([false, false, false, false, true, true]);
    const refused = await hit(a);
    expect(refused.isBlocked).toBe(true);
    expect(refused.timeToBlockExpire).toBeGreaterThan(0);
    expect(refused.timeToBlockExpire).toBeLessThanOrEqual(60);
  });

  it('counts a caller far below the limit locally and adds the hits to Redis within the sync interval', async () => {
    const s = await storage();
    const calls = roundTrips(s);
    const k = key('local');
    for (let i = 0; i < 200; i++) {
      const r = await s.increment(k, 60_000, 1000, 0, 'default');
      expect(r.isBlocked).toBe(false);
      expect(r.totalHits).toBe(i + 1);
    }
    // The first hit asked Redis for the window; the other 199 were counted here.
    expect(calls.n).toBe(1);
    const redisKey = `${config.env.REDIS_PREFIX}:throttle:default:${k}`;
    await eventually(async () => ((await redis.get(redisKey)) === '200' ? true : undefined));
    expect(calls.n).toBe(2);
  });

  it('asks Redis on every hit past half the limit', async () => {
    const s = await storage();
    const calls = roundTrips(s);
    const k = key('half');
    for (let i = 0; i < 10; i++) await s.increment(k, 60_000, 10, 0, 'default');
    // Hit 1 asks, hits 2–5 are local (≤ half of 10), hits 6–10 ask each.
    expect(calls.n).toBe(1 + 5);
    expect((await s.increment(k, 60_000, 10, 0, 'default')).isBlocked).toBe(true);
  });

  it('lets requests through when Redis is unreachable', async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    try {
      const s = new RedisThrottlerStorage(AppConfig.fromEnvironment());
      storages.push(s);
      const r = await s.increment(key('down'), 60_000, 1, 0, 'default');
      expect(r.isBlocked).toBe(false);
      expect((await s.increment(key('down'), 60_000, 1, 0, 'default')).isBlocked).toBe(false);
    } finally {
      applyTestEnvironment();
    }
  });
});
