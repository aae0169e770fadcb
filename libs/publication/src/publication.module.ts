import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { RiskModule } from '@app/risk';
import { PublicRegisterService } from './public-register.service';

/** 公示: the public read of what the law publishes (issue 20 item 4). */
@Module({
  imports: [RegistryModule, RiskModule],
  providers: [PublicRegisterService],
  exports: [PublicRegisterService],
})
export class PublicationModule {}
