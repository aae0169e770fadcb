import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../queue/redis-connection';

/** The fields ThrottlerGuard reads; seconds, as its in-memory storage reports them. */
interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * A fixed window per key, atomically: INCRBY the hits counted since the last
 * call, PEXPIRE on the first, and a block key once the limit is passed, so
 * every API instance sharing the Redis counts the same hits.
 * Returns {hits, window ms left, blocked, block ms left}.
 */
const INCREMENT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blockLeft}
end
local hits = redis.call('INCRBY', KEYS[1], ARGV[4])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, left, 1, tonumber(ARGV[3])}
end
return {hits, left, 0, 0}`;

/** After a Redis error, requests pass unchecked for this long before Redis is tried again. */
const OPEN_CIRCUIT_MS = 1000;
/** How long the boot waits for the first connection before serving without it (fail open). */
const CONNECT_WAIT_MS = 2000;

/** How often hits counted locally are added to Redis. */
const SYNC_MS = 100;

type IncrementReply = [number, number, number, number];

/** What this instance knows of one key's window. */
interface Window {
  /** Hits in Redis at the last sync, all instances together. */
  known: number;
  /** Hits taken here since then, not yet in Redis. */
  pending: number;
  endsAt: number;
  blockedUntil: number;
  ttl: number;
  limit: number;
  blockDuration: number;
}

/**
 * @nestjs/throttler storage on Redis, so a limit holds across API instances,
 * without a Redis round trip on every request: a caller well under the limit
 * (below half of it, by the last count Redis gave) is counted here and the
 * hits are added to Redis every 100 ms; past half, every hit is counted in
 * Redis before it is answered, so the limit itself is exact. The first hit of
 * a window always asks Redis. Of a burst that several instances take within
 * one sync interval, each may admit up to half the limit before they see each
 * other's hits: with two instances the limit still holds exactly.
 * Rate limiting protects the service, it must not take it down: when Redis is
 * unreachable the request passes (fail open, logged at most every 10 s) after
 * at most one fast failure, and reads keep being served from MySQL.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis & {
    throttleIncrement(...args: (string | number)[]): Promise<IncrementReply>;
  };
  private readonly prefix: string;
  private readonly windows = new Map<string, Window>();
  private readonly timer: NodeJS.Timeout;
  private openUntil = 0;
  private lastLog = 0;

  constructor(config: AppConfig) {
    this.prefix = `${config.env.REDIS_PREFIX}:throttle:`;
    this.redis = new Redis({
      ...redisOptions(config.env),
      // Fail fast instead of queueing commands while disconnected.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      commandTimeout: 500,
    }) as RedisThrottlerStorage['redis'];
    this.redis.on('error', () => undefined); // reported when a command fails
    this.redis.defineCommand('throttleIncrement', { numberOfKeys: 2, lua: INCREMENT });
    this.timer = setInterval(() => void this.sync(), SYNC_MS);
    this.timer.unref();
  }

  /**
   * Without an offline queue, a hit taken before the first connection is up
   * fails and opens the circuit: the first requests after a boot went
   * unlimited. So the boot waits for the connection, briefly.
   */
  async onModuleInit(): Promise<void> {
    if (this.redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise((ready) => this.redis.once('ready', ready)),
      new Promise((late) => (timer = setTimeout(late, CONNECT_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const k = `${this.prefix}${throttlerName}:${key}`;
    const w = this.windows.get(k);
    if (w && now < w.blockedUntil) return blocked(w, now);
    if (w && now < w.endsAt && 2 * (w.known + w.pending + 1) <= limit) {
      w.pending++;
      return counted(w, now);
    }
    // Near the limit, or a window not yet known here: ask Redis before answering.
    const current =
      w && now < w.endsAt
        ? w
        : {
            known: 0,
            pending: 0,
            endsAt: 0,
            blockedUntil: 0,
            ttl,
            limit,
            blockDuration: blockDuration || ttl,
          };
    current.pending++;
    this.windows.set(k, current);
    if (!(await this.push(k, current))) return pass();
    const after = Date.now();
    return after < current.blockedUntil ? blocked(current, after) : counted(current, after);
  }

  /** Adds the hits taken here to Redis and drops windows that have ended. */
  private async sync(): Promise<void> {
    const now = Date.now();
    const pushes: Promise<boolean>[] = [];
    for (const [k, w] of this.windows) {
      if (w.pending > 0) pushes.push(this.push(k, w));
      else if (now >= w.endsAt && now >= w.blockedUntil) this.windows.delete(k);
    }
    await Promise.all(pushes);
  }

  /** One key's pending hits into Redis; false when Redis could not be asked. */
  private async push(k: string, w: Window): Promise<boolean> {
    if (Date.now() < this.openUntil) return false;
    const hits = w.pending;
    w.pending = 0;
    try {
      const [total, left, isBlocked, blockLeft] = await this.redis.throttleIncrement(
        k,
        `${k}:blocked`,
        w.ttl,
        w.limit,
        w.blockDuration,
        hits,
      );
      const now = Date.now();
      w.known = Number(total);
      w.endsAt = now + Number(left);
      w.blockedUntil = Number(isBlocked) === 1 ? now + Number(blockLeft) : 0;
      return true;
    } catch (err) {
      if (Date.now() < w.endsAt) w.pending += hits; // kept for when Redis is back
      this.openUntil = Date.now() + OPEN_CIRCUIT_MS;
      if (Date.now() - this.lastLog > 10_000) {
        this.lastLog = Date.now();
        this.logger.warn(`rate limiting suspended, Redis unreachable: ${(err as Error).message}`);
      }
      return false;
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.redis.disconnect();
  }
}

function pass(): ThrottlerStorageRecord {
  return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
}

function counted(w: Window, now: number): ThrottlerStorageRecord {
  return {
    totalHits: w.known + w.pending,
    timeToExpire: Math.ceil((w.endsAt - now) / 1000),
    isBlocked: false,
    timeToBlockExpire: 0,
  };
}

function blocked(w: Window, now: number): ThrottlerStorageRecord {
  return {
    ...counted(w, now),
    isBlocked: true,
    timeToBlockExpire: Math.ceil((w.blockedUntil - now) / 1000),
  };
}
