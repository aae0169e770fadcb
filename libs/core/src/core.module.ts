import { Global, Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { CachingReflector } from './http/caching-reflector';
import { QueueModule } from './queue/queue.module';
import { Clock, SystemClock } from './values/clock';

/** Config, database, queues, auth, the clock and route metadata: what every process needs. */
@Global()
@Module({
  imports: [AppConfigModule, DatabaseModule, QueueModule],
  providers: [{ provide: Clock, useClass: SystemClock }, CachingReflector],
  exports: [AppConfigModule, DatabaseModule, QueueModule, Clock, CachingReflector],
})
export class CoreModule {}
