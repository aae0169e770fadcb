import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
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
 * A fixed window per key, atomically: INCR, PEXPIRE on the first hit, and a
 * block key once the limit is passed, so every API instance sharing the
 * Redis counts the same hits. Returns {hits, window ms left, blocked, block ms left}.
 */
const INCREMENT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
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

type IncrementReply = [number, number, number, number];

/**
 * @nestjs/throttler storage on Redis. Rate limiting protects the service, it
 * must not take it down: when Redis is unreachable the request passes (fail
 * open, logged at most every 10 s) after at most one fast failure, and reads
 * keep being served from MySQL.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis & {
    throttleIncrement(...args: (string | number)[]): Promise<IncrementReply>;
  };
  private readonly prefix: string;
  private openUntil = 0;
  private lastLog = 0;

  constructor(config: AppConfig) {
    this.prefix = `${config.env.REDIS_PREFIX}:throttle:`;
    this.redis = new Redis({
      ...redisOptions(config.env.REDIS_URL),
      // Fail fast instead of queueing commands while disconnected.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      commandTimeout: 500,
    }) as RedisThrottlerStorage['redis'];
    this.redis.on('error', () => undefined); // reported when a command fails
    this.redis.defineCommand('throttleIncrement', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const pass = { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    if (Date.now() < this.openUntil) return pass;
    try {
      const k = `${this.prefix}${throttlerName}:${key}`;
      const [hits, left, blocked, blockLeft] = await this.redis.throttleIncrement(
        k,
        `${k}:blocked`,
        ttl,
        limit,
        blockDuration || ttl,
      );
      return {
        totalHits: Number(hits),
        timeToExpire: Math.ceil(Number(left) / 1000),
        isBlocked: Number(blocked) === 1,
        timeToBlockExpire: Math.ceil(Number(blockLeft) / 1000),
      };
    } catch (err) {
      this.openUntil = Date.now() + OPEN_CIRCUIT_MS;
      if (Date.now() - this.lastLog > 10_000) {
        this.lastLog = Date.now();
        this.logger.warn(`rate limiting suspended, Redis unreachable: ${(err as Error).message}`);
      }
      return pass;
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
