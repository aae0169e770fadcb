import { toMoney } from '@app/core';
import type { CreateRecordDto } from '../dto/create-record.dto';
import { penaltyFieldOf } from '../penalty-field';

/**
 * The columns of a new record from its request, with every default applied:
 * the one rule for both the single write and the import (which lists the
 * values in `RECORD_VALUE_COLUMNS` order).
 */
export function recordValues(
  dto: CreateRecordDto,
  enterprise: { id: number | string; regionCode: string },
) {
  return {
    enterprise_id: String(enterprise.id),
    kind: dto.kind,
    occurred_on: dto.occurredOn,
    status: 'ACTIVE' as const,
    severity: dto.severity ?? null,
    amount: dto.amount === undefined ? null : toMoney(dto.amount),
    violation_type: dto.violationType ?? null,
    restrictive: dto.restrictive ?? null,
    restriction_ends_on: dto.restrictionEndsOn ?? null,
    // The field decides the 2021 minimum period; derived from the violation when not sent.
    field: dto.kind === 'PENALTY' ? (dto.field ?? penaltyFieldOf(dto.violationType)) : null,
    // 谁认定谁修复: by default the authority where the enterprise is registered at the time.
    authority_region: dto.authorityRegion ?? enterprise.regionCode,
    related_record_id: dto.relatedRecordId === undefined ? null : String(dto.relatedRecordId),
    reason: dto.reason ?? null,
    result: dto.result ?? null,
    title: dto.title ?? null,
    year: dto.year ?? null,
    rating: dto.rating ?? null,
    document_no: dto.documentNo ?? null,
    reference: dto.reference ?? null,
  };
}

export type RecordValues = ReturnType<typeof recordValues>;

export const RECORD_VALUE_COLUMNS = Object.keys(
  recordValues({ kind: 'COMPLAINT', occurredOn: '2000-01-01' }, { id: 0, regionCode: '' }),
) as (keyof RecordValues)[];

/**
 * Why `relatedRecordId` cannot be linked, or null: it must be a record of the
 * same enterprise (`owner` identifies the enterprise of the record found, if
 * any, in the same terms as `enterprise`: its id or its USCC).
 */
export function relatedRecordProblem<K extends string | number>(
  relatedRecordId: number,
  owner: K | undefined,
  enterprise: K,
): string | null {
  if (owner === undefined) return `relatedRecordId ${relatedRecordId}: no such record`;
  if (owner !== enterprise)
    return `relatedRecordId ${relatedRecordId}: a record of another enterprise`;
  return null;
}
