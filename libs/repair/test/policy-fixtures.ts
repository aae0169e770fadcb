import { join } from 'node:path';
import type { CreditRecordInput } from '@app/scoring';
import type { EligibilityInput } from '../src/policy/eligibility.types';
import { loadRepairPolicies } from '../src/policy/repair-policy.loader';

/** Shared by the specs: the shipped policy files and record builders. */
export const POLICY_DIR = join(__dirname, '../../../config/repair-policies');
export const book = loadRepairPolicies(POLICY_DIR);
export const P2021 = book.byId('2021-guo-shi-jian-xin-gui-3')!;
export const P107 = book.byId('2025-samr-order-107')!;

export function penalty(over: Partial<CreditRecordInput> = {}): CreditRecordInput {
  return {
    id: 1,
    kind: 'PENALTY',
    occurredOn: '2026-01-10',
    status: 'ACTIVE',
    severity: 'MODERATE',
    violationType: '虚假宣传',
    restrictive: false,
    ...over,
  };
}

export function listing(
  kind: 'ABNORMAL_LISTING' | 'SERIOUS_DISHONESTY_LISTING',
  over: Partial<CreditRecordInput> = {},
): CreditRecordInput {
  return { id: 1, kind, occurredOn: '2026-01-10', status: 'ACTIVE', ...over };
}

export function input(over: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    record: penalty(),
    otherRecords: [],
    repairHistory: { approved: [], openApplications: [] },
    policy: P107,
    on: '2026-06-01',
    ...over,
  };
}
