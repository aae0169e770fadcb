import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CoreModule, environmentSetting, logDestination, logFormat } from '@app/core';
import {
  NightlyScheduler,
  ReclassificationModule,
  RunRecovery,
  ReclassifyProcessor,
  WriteSetCheck,
} from '@app/reclassification';
import { DeadlineSweepProcessor, RepairModule } from '@app/repair';
import { ImportModule, ImportProcessor } from '@app/registry';
import { RescoreProcessor, RiskModule } from '@app/risk';
import { EscalationProcessor, SupervisionModule } from '@app/supervision';
import { ModelsModule, ModelsProcessor } from '@app/models';
import { DeliveryWorkerModule } from '@app/delivery';
import { PublicationWorkerModule } from '@app/publication';

/** The queue consumers and schedulers; no HTTP. Scale out by starting more of these. */
@Module({
  imports: [
    LoggerModule.forRoot({
      pinoHttp:
        // Pretty lines like the API's in development on a terminal (npm start runs both).
        logFormat(environmentSetting('NODE_ENV'), Boolean(process.stdout.isTTY)) === 'pretty'
          ? [{ level: environmentSetting('LOG_LEVEL') }, logDestination('pretty')]
          : { level: environmentSetting('LOG_LEVEL') },
    }),
    CoreModule,
    RiskModule,
    ImportModule,
    ReclassificationModule,
    RepairModule,
    SupervisionModule,
    ModelsModule,
    DeliveryWorkerModule,
    PublicationWorkerModule,
  ],
  providers: [
    RescoreProcessor,
    ReclassifyProcessor,
    NightlyScheduler,
    RunRecovery,
    WriteSetCheck,
    DeadlineSweepProcessor,
    ImportProcessor,
    EscalationProcessor,
    ModelsProcessor,
  ],
})
export class WorkerModule {}
