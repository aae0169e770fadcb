import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistryModule } from '@app/registry';
import { EvidenceFile } from './entities/evidence-file.entity';
import { EvidenceUpload } from './entities/evidence-upload.entity';
import { RepairApplication } from './entities/repair-application.entity';
import { RepairEvidence } from './entities/repair-evidence.entity';
import { RepairHistoryEntry } from './entities/repair-history-entry.entity';
import { ApplicationDecisionService } from './services/application-decision.service';
import { ApplicationQueryService } from './services/application-query.service';
import { ApplicationSubmissionService } from './services/application-submission.service';
import { DeadlineSweepService } from './services/deadline-sweep.service';
import { EvidenceStore } from './services/evidence-store.service';
import { EvidenceSweepService } from './services/evidence-sweep.service';
import { EvidenceUploadSlots } from './services/evidence-upload-slots';
import { RepairCaseLoader } from './services/repair-case-loader.service';
import { RepairEligibilityService } from './services/repair-eligibility.service';
import { repairPolicyProviders } from './services/repair-policy.providers';
import { TemporaryRepairService } from './services/temporary-repair.service';
import { RepairBacklogService } from './services/repair-backlog.service';
import { ApplicationRepository } from './services/application.repository';
import { EvidenceRepository } from './services/evidence.repository';

const services = [
  RepairCaseLoader,
  RepairEligibilityService,
  ApplicationQueryService,
  ApplicationSubmissionService,
  ApplicationDecisionService,
  EvidenceStore,
  EvidenceUploadSlots,
  EvidenceSweepService,
  DeadlineSweepService,
  TemporaryRepairService,
  RepairBacklogService,
  ApplicationRepository,
  EvidenceRepository,
];

/** The credit-repair workflow; the sweep's processor is registered by the worker. */
@Module({
  imports: [
    RegistryModule,
    TypeOrmModule.forFeature([
      RepairApplication,
      RepairHistoryEntry,
      RepairEvidence,
      EvidenceFile,
      EvidenceUpload,
    ]),
  ],
  providers: [...repairPolicyProviders, ...services],
  exports: [...repairPolicyProviders, ...services],
})
export class RepairModule {}
