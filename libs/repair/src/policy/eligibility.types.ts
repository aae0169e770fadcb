import type { CalendarDate } from '@app/core';
import type { CreditRecordInput } from '@app/scoring';
import type { EvidenceKind, RepairPolicy } from './repair-policy.schema';

/** Each code names an obstacle; `met: true` means that obstacle is absent. */
export type ConditionCode =
  | 'RECORD_NOT_ACTIVE'
  | 'NOT_REPAIRABLE_KIND'
  | 'MINOR_NOT_REPAIRABLE'
  | 'RESTRICTION_IN_FORCE'
  | 'MIN_PERIOD_NOT_REACHED'
  | 'ON_ABNORMAL_LIST'
  | 'ON_SERIOUS_DISHONESTY_LIST'
  | 'SAME_KIND_PENALTY_SINCE'
  | 'REPAIR_LIMIT'
  | 'OPEN_APPLICATION_EXISTS'
  | 'MATERIALS_MISSING';

export interface Condition {
  code: ConditionCode;
  met: boolean;
  /** Only when unmet and time alone will lift it: the first day it is met (nothing else changing). */
  earliestOn?: CalendarDate;
  /** The other records behind an unmet condition (explainability). */
  recordIds?: number[];
  /** MATERIALS_MISSING: what is still to be supplied. */
  missingMaterials?: EvidenceKind[];
  /** Human-readable specifics, e.g. the period applied. */
  detail?: string;
}

export interface ApprovedRepair {
  recordId: number;
  /** The kind of the repaired record: the limits count only the kinds they apply to. */
  recordKind: string;
  decidedOn: CalendarDate;
}

export interface RepairHistory {
  /** The enterprise's approved repairs (any record), with their decision dates. */
  approved: readonly ApprovedRepair[];
  /** The enterprise's open (SUBMITTED or ACCEPTED) applications. */
  openApplications: readonly { recordId: number }[];
}

export interface EligibilityInput {
  /** The record to repair. */
  record: CreditRecordInput;
  /** The enterprise's other records (the record itself is ignored if present). */
  otherRecords: readonly CreditRecordInput[];
  repairHistory: RepairHistory;
  /** Materials supplied; MATERIALS_MISSING is evaluated only when given. */
  evidenceKinds?: readonly EvidenceKind[];
  policy: RepairPolicy;
  /** The as-of date (normally the submission date). */
  on: CalendarDate;
}

export interface EligibilityResult {
  eligible: boolean;
  /** Id of the policy applied. */
  policy: string;
  conditions: Condition[];
  /** When not eligible and every unmet condition lifts with time: the first day all are met. */
  earliestOn?: CalendarDate;
}
