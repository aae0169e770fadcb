import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class ThrottlerStorageModule {}

/**
 * Limits from config (RATE_LIMIT requests per RATE_LIMIT_WINDOW_SECONDS),
 * counted in Redis. The guard (CallerThrottlerGuard) is registered by the app
 * after AccessGuard, so that it knows the caller.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStorageModule],
      inject: [AppConfig, RedisThrottlerStorage],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
        throttlers: [
          {
            name: 'default',
            ttl: config.env.RATE_LIMIT_WINDOW_SECONDS * 1000,
            limit: config.env.RATE_LIMIT,
          },
        ],
        storage,
      }),
    }),
  ],
})
export class RateLimitModule {}
