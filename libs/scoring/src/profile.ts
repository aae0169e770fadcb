/**
 * The input of the scoring engine: one enterprise as plain data.
 * Dates are calendar days in Asia/Shanghai, written `YYYY-MM-DD`.
 * The same shapes are used by the database loaders (libs/risk) and the
 * synthetic population generator, so the engine never sees an ORM entity.
 */

export type EnterpriseStatus = 'ACTIVE' | 'REVOKED' | 'CANCELLED';

export type RecordStatus = 'ACTIVE' | 'REPAIRED' | 'EXPIRED' | 'REVOKED';

export const RECORD_KINDS = [
  'PENALTY',
  'ABNORMAL_LISTING',
  'SERIOUS_DISHONESTY_LISTING',
  'INSPECTION',
  'COMPLAINT',
  'HONOR',
  'TAX_RATING',
  'JUDGMENT_DEBTOR',
  'ANNUAL_REPORT',
  'LEGAL_REP_CHANGE',
  'ADDRESS_CHANGE',
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

export type PenaltySeverity = 'MINOR' | 'MODERATE' | 'SERIOUS';
export type InspectionResult = 'PASS' | 'PROBLEM' | 'NOT_FOUND';
export type TaxRating = 'A' | 'B' | 'M' | 'C' | 'D';
export const PENALTY_FIELDS = ['FOOD', 'DRUG', 'SPECIAL_EQUIPMENT', 'OTHER'] as const;
export type PenaltyField = (typeof PENALTY_FIELDS)[number];

/** One dated record. Kind-specific fields are present only for their kind. */
export interface CreditRecordInput {
  id: number;
  kind: RecordKind;
  /** Decision, listing, inspection, filing or change date. */
  occurredOn: string;
  status: RecordStatus;
  /** PENALTY */
  severity?: PenaltySeverity | null;
  violationType?: string | null;
  restrictive?: boolean | null;
  /** PENALTY with `restrictive`: the day the restriction ends (publicity lasts as long). */
  restrictionEndsOn?: string | null;
  /** INSPECTION */
  result?: InspectionResult | null;
  /** TAX_RATING and ANNUAL_REPORT: the year rated or reported on. */
  year?: number | null;
  /** TAX_RATING */
  rating?: TaxRating | null;
  /** PENALTY: the field of law (decides the 2021 minimum period). */
  field?: PenaltyField | null;
  /** The record this one follows from (a penalty from an inspection's finding). */
  relatedRecordId?: number | null;
  /** Publicity runs again from this day (an approved repair revoked for false materials). */
  publicityFrom?: string | null;
  /** Temporary repair during a bankruptcy reorganisation: not counted in this period (inclusive). */
  suspendedFrom?: string | null;
  suspendedUntil?: string | null;
}

/**
 * A listing of another enterprise that shares a linked person with this one
 * (relations indicators L1/L2). Only listing kinds are carried.
 */
export interface LinkedListingInput {
  enterpriseId: number;
  recordId: number;
  kind: 'SERIOUS_DISHONESTY_LISTING' | 'ABNORMAL_LISTING';
  occurredOn: string;
  status: RecordStatus;
  publicityFrom?: string | null;
  suspendedFrom?: string | null;
  suspendedUntil?: string | null;
}

export interface EnterpriseProfile {
  id: number;
  uscc: string;
  regionCode: string;
  industryCode: string;
  type: string;
  /** CNY */
  registeredCapital: number;
  establishedOn: string;
  status: EnterpriseStatus;
  records: CreditRecordInput[];
  linkedListings: LinkedListingInput[];
}
