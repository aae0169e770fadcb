import { Global, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './queue/queue.module';
import { Clock, SystemClock } from './values/clock';

/** Config, database, queues, auth and the clock: what every process needs. */
@Global()
@Module({
  imports: [AppConfigModule, DatabaseModule, QueueModule, AuthModule],
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [AppConfigModule, DatabaseModule, QueueModule, AuthModule, Clock],
})
export class CoreModule {}
