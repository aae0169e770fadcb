import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { AppConfig, redisOptions } from '@app/core';

/** Pings Redis on a dedicated connection that fails fast instead of queueing commands. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(
    config: AppConfig,
    private readonly indicator: HealthIndicatorService,
  ) {
    this.client = new Redis({
      ...redisOptions(config.env),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1500,
    });
    this.client.on('error', () => undefined); // reported through the check
  }

  async check(key: string) {
    const i = this.indicator.check(key);
    try {
      if (this.client.status === 'wait' || this.client.status === 'end')
        await this.client.connect();
      await Promise.race([
        this.client.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1500)),
      ]);
      return i.up();
    } catch (e) {
      return i.down({ message: (e as Error).message });
    }
  }

  onModuleDestroy() {
    this.client.disconnect();
  }
}
