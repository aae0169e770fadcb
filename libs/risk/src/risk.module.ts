import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { AssessmentRepository } from './services/assessment.repository';
import { CurrentTierReader } from './services/current-tier.reader';
import { AssessmentQueryRepository } from './services/assessment-query.repository';
import { ModelActivationRepository } from './models/model-activation.repository';
import { ModelCatalog } from './models/model-catalog.service';
import { RescoreService } from './services/rescore.service';
import { RiskQueryService } from './services/risk-query.service';
import { SimulationService } from './services/simulation.service';

const services = [
  ModelCatalog,
  ModelActivationRepository,
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
