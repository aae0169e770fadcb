import type { RecordKind } from './profile';

/**
 * Small integer codes for record kinds and their distinguishing attribute, so
 * the engine compares integers in its loops and indexes point tables by them.
 */

/** Not a kind: used for records that are not ACTIVE and so never count. */
export const NO_KIND = 255;

export function kindCode(kind: RecordKind | string): number {
  switch (kind) {
    case 'PENALTY':
      return 0;
    case 'ABNORMAL_LISTING':
      return 1;
    case 'SERIOUS_DISHONESTY_LISTING':
      return 2;
    case 'INSPECTION':
      return 3;
    case 'COMPLAINT':
      return 4;
    case 'HONOR':
      return 5;
    case 'TAX_RATING':
      return 6;
    case 'JUDGMENT_DEBTOR':
      return 7;
    case 'ANNUAL_REPORT':
      return 8;
    case 'LEGAL_REP_CHANGE':
      return 9;
    case 'ADDRESS_CHANGE':
      return 10;
    default:
      return NO_KIND;
  }
}

export const KIND = {
  PENALTY: 0,
  ABNORMAL_LISTING: 1,
  SERIOUS_DISHONESTY_LISTING: 2,
  INSPECTION: 3,
  TAX_RATING: 6,
  ANNUAL_REPORT: 8,
} as const;

export const SEVERITIES = ['MINOR', 'MODERATE', 'SERIOUS'] as const;
export const INSPECTION_RESULTS = ['PASS', 'PROBLEM', 'NOT_FOUND'] as const;
export const TAX_RATINGS = ['A', 'B', 'M', 'C', 'D'] as const;

/** The values of the attribute that distinguishes records of a kind, if it has one. */
export function attributeValues(kind: RecordKind): readonly string[] | null {
  switch (kind) {
    case 'PENALTY':
      return SEVERITIES;
    case 'INSPECTION':
      return INSPECTION_RESULTS;
    case 'TAX_RATING':
      return TAX_RATINGS;
    default:
      return null;
  }
}

export function severityCode(s: string | null | undefined): number {
  return s === 'MINOR' ? 0 : s === 'MODERATE' ? 1 : s === 'SERIOUS' ? 2 : -1;
}

export function resultCode(r: string | null | undefined): number {
  return r === 'PASS' ? 0 : r === 'PROBLEM' ? 1 : r === 'NOT_FOUND' ? 2 : -1;
}

export function ratingCode(r: string | null | undefined): number {
  switch (r) {
    case 'A':
      return 0;
    case 'B':
      return 1;
    case 'M':
      return 2;
    case 'C':
      return 3;
    case 'D':
      return 4;
    default:
      return -1;
  }
}
