import { Module } from '@nestjs/common';
import { AuditModule } from '@app/core';
import { ReclassificationModule } from '@app/reclassification';
import { RegistryModule } from '@app/registry';
import { RiskModule } from '@app/risk';
import { SupervisionModule } from '@app/supervision';
import { RunDriftRepository } from './drift/run-drift.repository';
import { RunDriftService } from './drift/run-drift.service';
import { ModelGovernanceService } from './governance/model-governance.service';
import { MonitoringConfigProvider } from './monitoring-config.provider';
import { ModelPerformanceRepository } from './performance/model-performance.repository';
import { ModelPerformanceService } from './performance/model-performance.service';

const services = [
  MonitoringConfigProvider,
  ModelPerformanceRepository,
  ModelPerformanceService,
  RunDriftRepository,
  RunDriftService,
  ModelGovernanceService,
];

/**
 * Measuring models and governing which one is active: performance against
 * inspection outcomes, drift between runs, four-eyes activation. The worker
 * registers its processor.
 */
@Module({
  imports: [AuditModule, RegistryModule, RiskModule, ReclassificationModule, SupervisionModule],
  providers: services,
  exports: services,
})
export class ModelsModule {}
