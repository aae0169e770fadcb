import { Global, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { CachingReflector } from './http/caching-reflector';
import { QueueModule } from './queue/queue.module';
import { Clock, SystemClock } from './values/clock';

/** Config, database, queues, auth, the clock and route metadata: what every process needs. */
@Global()
@Module({
  imports: [AppConfigModule, DatabaseModule, QueueModule, AuthModule],
  providers: [{ provide: Clock, useClass: SystemClock }, CachingReflector],
  exports: [AppConfigModule, DatabaseModule, QueueModule, AuthModule, Clock, CachingReflector],
})
export class CoreModule {}
