import type { RedisOptions } from 'bullmq';

/** What Redis clients are built from (a subset of the environment). */
export interface RedisSettings {
  REDIS_URL: string;
  REDIS_SENTINELS?: string;
  REDIS_SENTINEL_NAME?: string;
}

/**
 * ioredis options for every Redis client of the service (queues, rate
 * limiter, identity provider, health): REDIS_URL, or with REDIS_SENTINELS the
 * primary the sentinels name, asked again after a failover (ioredis does it).
 * BullMQ needs maxRetriesPerRequest null on workers.
 */
export function redisOptions(settings: RedisSettings): RedisOptions {
  const u = new URL(settings.REDIS_URL);
  const common = {
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
  if (settings.REDIS_SENTINELS) {
    return {
      ...common,
      name: settings.REDIS_SENTINEL_NAME ?? 'crs',
      sentinels: settings.REDIS_SENTINELS.split(',').map((s) => {
        const [host, port] = s.trim().split(':');
        return { host, port: Number(port) };
      }),
      // A demoted primary answers READONLY: reconnect, and Sentinel names the new one.
      reconnectOnError: (err: Error) => err.message.startsWith('READONLY'),
    };
  }
  return { ...common, host: u.hostname, port: u.port ? Number(u.port) : 6379 };
}
