import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AccessGuard, ApiExceptionFilter, CoreModule } from '@app/core';
import { RegistryModule } from '@app/registry';
import { ReclassificationModule } from '@app/reclassification';
import { RiskModule } from '@app/risk';
import { ReclassificationsController } from './reclassification/reclassifications.controller';
import { HealthController } from './health/health.controller';
import { RedisHealthIndicator } from './health/redis.health';
import { LoggingModule } from './logging.module';
import { EnterprisesController } from './registry/enterprises.controller';
import { PersonsController } from './registry/persons.controller';
import { RecordsController } from './registry/records.controller';
import { EnterpriseRiskController } from './risk/enterprise-risk.controller';
import { RiskController } from './risk/risk.controller';

@Module({
  imports: [
    LoggingModule,
    CoreModule,
    TerminusModule,
    RegistryModule,
    RiskModule,
    ReclassificationModule,
  ],
  controllers: [
    HealthController,
    EnterprisesController,
    RecordsController,
    PersonsController,
    EnterpriseRiskController,
    RiskController,
    ReclassificationsController,
  ],
  providers: [
    RedisHealthIndicator,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
})
export class AppModule {}
