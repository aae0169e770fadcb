import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { AssessmentRepository } from './services/assessment.repository';
import { CurrentTierReader } from './services/current-tier.reader';
import { AssessmentQueryRepository } from './services/assessment-query.repository';
import { ModelCatalog } from './services/model-catalog.service';
import { RescoreService } from './services/rescore.service';
import { RiskQueryService } from './services/risk-query.service';
import { SimulationService } from './services/simulation.service';

const services = [
  ModelCatalog,
  AssessmentRepository,
  RescoreService,
  RiskQueryService,
  SimulationService,
  CurrentTierReader,
  AssessmentQueryRepository,
];

@Module({
  imports: [RegistryModule],
  providers: services,
  exports: services,
})
export class RiskModule {}
