import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { RiskModule } from '@app/risk';
import { PublicRegisterService } from './public-register.service';
import { PublicityEndProcessor } from './publicity-end.processor';

/** 公示: the public read of what the law publishes (issue 20 item 4). */
@Module({
  imports: [RegistryModule, RiskModule],
  providers: [PublicRegisterService],
  exports: [PublicRegisterService],
})
export class PublicationModule {}

/** What only workers run: the daily announcement of ended serious listings. */
@Module({
  imports: [PublicationModule, RegistryModule],
  providers: [PublicityEndProcessor],
})
export class PublicationWorkerModule {}
