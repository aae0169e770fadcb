import { IdentityModule } from '@app/identity';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import {
  AccessGuard,
  AddressThrottlerGuard,
  ApiExceptionFilter,
  AuditGuard,
  AuditModule,
  CallerThrottlerGuard,
  CoreModule,
  RateLimitModule,
} from '@app/core';
import { ImportModule, RegistryModule } from '@app/registry';
import { ReclassificationModule } from '@app/reclassification';
import { RepairModule } from '@app/repair';
import { RiskModule } from '@app/risk';
import { SupervisionModule } from '@app/supervision';
import { ModelsModule } from '@app/models';
import { PublicationModule } from '@app/publication';
import { DeliveryModule } from '@app/delivery';
import { SubscriptionsController } from './delivery/subscriptions.controller';
import { PublicController } from './publication/public.controller';
import { ModelsController, RunDriftController } from './models/models.controller';
import { ReclassificationsController } from './reclassification/reclassifications.controller';
import { AuditController } from './audit/audit.controller';
import { HealthController } from './health/health.controller';
import { IdentityHealthIndicator } from './health/identity.health';
import { RedisHealthIndicator } from './health/redis.health';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueBoardModule } from './queue-board/queue-board.module';
import { EnterprisesController } from './registry/enterprises.controller';
import { ImportsController } from './registry/imports.controller';
import { PersonsController } from './registry/persons.controller';
import { RecordsController } from './registry/records.controller';
import { EvidenceController } from './repair/evidence.controller';
import { RepairApplicationsController } from './repair/repair-applications.controller';
import { RepairDecisionsController } from './repair/repair-decisions.controller';
import { TemporaryRepairsController } from './repair/temporary-repairs.controller';
import { EnterpriseRiskController } from './risk/enterprise-risk.controller';
import { RiskController } from './risk/risk.controller';
import { EnterpriseMeasuresController } from './supervision/enterprise-measures.controller';
import { EscalationsController } from './supervision/escalations.controller';
import { InspectionPlansController } from './supervision/inspection-plans.controller';
import {
  InspectionResultsController,
  ListingProposalsController,
} from './supervision/inspection-results.controller';
import { InspectorsController } from './supervision/inspectors.controller';
import { InspectorConflictsController } from './supervision/inspector-conflicts.controller';
import { SamplingRatiosController } from './supervision/sampling-ratios.controller';

@Module({
  imports: [
    LoggingModule.forRoot(),
    CoreModule,
    IdentityModule,
    AuditModule,
    RateLimitModule,
    TerminusModule,
    RegistryModule,
    ImportModule,
    RiskModule,
    ReclassificationModule,
    RepairModule,
    SupervisionModule,
    ModelsModule,
    PublicationModule,
    DeliveryModule,
    MetricsModule,
    QueueBoardModule,
  ],
  controllers: [
    HealthController,
    SubscriptionsController,
    EnterprisesController,
    RecordsController,
    ImportsController,
    PersonsController,
    EnterpriseRiskController,
    RiskController,
    ReclassificationsController,
    EvidenceController,
    RepairApplicationsController,
    RepairDecisionsController,
    TemporaryRepairsController,
    EnterpriseMeasuresController,
    EscalationsController,
    InspectionPlansController,
    InspectionResultsController,
    ListingProposalsController,
    InspectorsController,
    AuditController,
    InspectorConflictsController,
    SamplingRatiosController,
    ModelsController,
    RunDriftController,
    PublicController,
  ],
  providers: [
    RedisHealthIndicator,
    IdentityHealthIndicator,
    // Before AccessGuard: requests without a valid token are limited per address before they cost a check.
    { provide: APP_GUARD, useClass: AddressThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    // After AccessGuard: it counts per verified caller.
    { provide: APP_GUARD, useClass: CallerThrottlerGuard },
    // Last: it audits what passed authentication, roles and the rate limit.
    { provide: APP_GUARD, useClass: AuditGuard },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
})
export class AppModule {}
