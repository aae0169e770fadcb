import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { logDestination, logFormat } from '../../api/src/logging/log-destination';
import { CoreModule } from '@app/core';
import {
  NightlyScheduler,
  ReclassificationModule,
  RunRecovery,
  ReclassifyProcessor,
} from '@app/reclassification';
import { DeadlineSweepProcessor, RepairModule } from '@app/repair';
import { ImportModule, ImportProcessor } from '@app/registry';
import { RescoreProcessor, RiskModule } from '@app/risk';
import { EscalationProcessor, SupervisionModule } from '@app/supervision';

/** The queue consumers and schedulers; no HTTP. Scale out by starting more of these. */
@Module({
  imports: [
    LoggerModule.forRoot({
      pinoHttp:
        // Pretty lines like the API's in development on a terminal (npm start runs both).
        logFormat(process.env.NODE_ENV, Boolean(process.stdout.isTTY)) === 'pretty'
          ? [{ level: process.env.LOG_LEVEL ?? 'info' }, logDestination('pretty')]
          : { level: process.env.LOG_LEVEL ?? 'info' },
    }),
    CoreModule,
    RiskModule,
    ImportModule,
    ReclassificationModule,
    RepairModule,
    SupervisionModule,
  ],
  providers: [
    RescoreProcessor,
    ReclassifyProcessor,
    NightlyScheduler,
    RunRecovery,
    DeadlineSweepProcessor,
    ImportProcessor,
    EscalationProcessor,
  ],
})
export class WorkerModule {}
