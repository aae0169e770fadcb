import { RegistrySchema1764400000000 } from './1764400000000-registry-schema';
import { RiskSchema1764400100000 } from './1764400100000-risk-schema';
import { ReclassificationSchema1764400200000 } from './1764400200000-reclassification-schema';
import { RepairSchema1764400300000 } from './1764400300000-repair-schema';
import { SupervisionSchema1764400400000 } from './1764400400000-supervision-schema';
import { ImportSchema1764400500000 } from './1764400500000-import-schema';
import { EnterpriseSearchIndex1764408000000 } from './1764408000000-enterprise-search-index';
import { AuditSchema1764400600000 } from './1764400600000-audit-schema';
import { RescoreOutboxSchema1764400610000 } from './1764400610000-rescore-outbox-schema';
import { AuditTruncateGuard1764409000000 } from './1764409000000-audit-truncate-guard';
import { AuditClientRequestId1764410000000 } from './1764410000000-audit-client-request-id';
import { PlanDrawProof1764411000000 } from './1764411000000-plan-draw-proof';
import { EscalationCandidates1764412000000 } from './1764412000000-escalation-candidates';
import { RecordRules1764413000000 } from './1764413000000-record-rules';
import { RunRegionCounts1764414000000 } from './1764414000000-run-region-counts';
import { ChunkSize1764415000000 } from './1764415000000-chunk-size';
import { PartnerEvents1764418000000 } from './1764418000000-partner-events';
import { PartnerDelivery1764419000000 } from './1764419000000-partner-delivery';
import { CurrentModelHash1764420000000 } from './1764420000000-current-model-hash';
import { InspectionResultsAndModels1764417000000 } from './1764417000000-inspection-results-and-models';
import { ApplicationSubject1764416000000 } from './1764416000000-application-subject';

/** Every migration, in order. New ones are appended here. */
export const MIGRATIONS = [
  RegistrySchema1764400000000,
  RiskSchema1764400100000,
  ReclassificationSchema1764400200000,
  RepairSchema1764400300000,
  SupervisionSchema1764400400000,
  ImportSchema1764400500000,
  EnterpriseSearchIndex1764408000000,
  AuditSchema1764400600000,
  RescoreOutboxSchema1764400610000,
  AuditTruncateGuard1764409000000,
  AuditClientRequestId1764410000000,
  PlanDrawProof1764411000000,
  EscalationCandidates1764412000000,
  RecordRules1764413000000,
  RunRegionCounts1764414000000,
  ChunkSize1764415000000,
  ApplicationSubject1764416000000,
  InspectionResultsAndModels1764417000000,
  PartnerEvents1764418000000,
  PartnerDelivery1764419000000,
  CurrentModelHash1764420000000,
];
