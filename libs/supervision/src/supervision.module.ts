import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { RiskModule } from '@app/risk';
import { EnterpriseMeasuresService } from './services/enterprise-measures.service';
import { InspectionPlanDrawer } from './services/inspection-plan-drawer.service';
import { InspectionPlanQueryService } from './services/inspection-plan-query.service';
import { InspectionPlanVerifier } from './services/inspection-plan-verifier.service';
import { InspectionPlanRepository } from './services/inspection-plan.repository';
import { InspectorPoolReader } from './services/inspector-pool.reader';
import { InspectorService } from './services/inspector.service';
import { InspectorRepository } from './services/inspector.repository';
import { MeasuresCatalog } from './services/measures-catalog.service';
import { PopulationReader } from './services/population.reader';
import { EscalationCandidateRepository } from './escalation/escalation-candidate.repository';
import { EscalationQueryService } from './escalation/escalation-query.service';
import { EscalationSweepService } from './escalation/escalation-sweep.service';

import { InspectionResultService } from './results/inspection-result.service';
import { ListingProposalRepository } from './results/listing-proposal.repository';

const services = [
  InspectionResultService,
  ListingProposalRepository,
  MeasuresCatalog,
  EnterpriseMeasuresService,
  PopulationReader,
  InspectorPoolReader,
  InspectionPlanRepository,
  InspectionPlanDrawer,
  InspectionPlanQueryService,
  InspectionPlanVerifier,
  InspectorService,
  InspectorRepository,
  EscalationCandidateRepository,
  EscalationSweepService,
  EscalationQueryService,
];

/**
 * Measures (守信激励、失信惩戒), inspectors and 双随机 inspection plans, and the
 * escalation of long abnormal listings towards the serious dishonest list (its
 * daily processor is registered by the worker).
 */
@Module({
  imports: [RegistryModule, RiskModule],
  providers: services,
  exports: services,
})
export class SupervisionModule {}
