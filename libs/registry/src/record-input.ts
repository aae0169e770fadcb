import type { CreditRecordInput } from '@app/scoring';

/**
 * The columns of `credit_records` (aliased `r`) the scoring engine and the
 * repair rules read, and the one mapping of such a row to the engine's input:
 * the risk loader and the repair case loader both use these, so a column the
 * rules need is added once.
 */
export const RECORD_INPUT_COLUMNS = `r.id, r.enterprise_id, r.kind, r.occurred_on, r.status,
  r.severity, r.violation_type, r.restrictive, r.restriction_ends_on, r.result, r.year, r.rating,
  r.field, r.related_record_id, r.publicity_from, r.suspended_from, r.suspended_until`;

export function toRecordInput(r: Record<string, unknown>): CreditRecordInput {
  return {
    id: Number(r.id),
    kind: r.kind as CreditRecordInput['kind'],
    occurredOn: r.occurred_on as string,
    status: r.status as CreditRecordInput['status'],
    severity: (r.severity as CreditRecordInput['severity']) ?? null,
    violationType: (r.violation_type as string | null) ?? null,
    restrictive:
      r.restrictive === null || r.restrictive === undefined ? null : Boolean(r.restrictive),
    restrictionEndsOn: (r.restriction_ends_on as string | null) ?? null,
    result: (r.result as CreditRecordInput['result']) ?? null,
    year: (r.year as number | null) ?? null,
    rating: (r.rating as CreditRecordInput['rating']) ?? null,
    field: (r.field as CreditRecordInput['field']) ?? null,
    relatedRecordId: r.related_record_id == null ? null : Number(r.related_record_id),
    publicityFrom: (r.publicity_from as string | null) ?? null,
    suspendedFrom: (r.suspended_from as string | null) ?? null,
    suspendedUntil: (r.suspended_until as string | null) ?? null,
  };
}
