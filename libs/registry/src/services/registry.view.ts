import { regionFullName } from '@app/core';
import { CreditRecord } from '../entities/credit-record.entity';
import { Enterprise } from '../entities/enterprise.entity';
import type { IndustryCatalog } from '../industry-names';

/** The public shape of an enterprise profile (no internal ids), with names for its codes. */
export function enterpriseView(e: Enterprise, industries?: IndustryCatalog) {
  return {
    uscc: e.uscc,
    name: e.name,
    regionCode: e.regionCode,
    regionName: regionFullName(e.regionCode),
    industryCode: e.industryCode,
    industryName: industries?.name(e.industryCode) ?? null,
    type: e.type,
    registeredCapital: e.registeredCapital,
    establishedOn: e.establishedOn,
    status: e.status,
    inputsChangedAt: e.inputsChangedAt.toISOString(),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

const KIND_FIELDS = [
  'severity',
  'amount',
  'violationType',
  'restrictive',
  'restrictionEndsOn',
  'field',
  'authorityRegion',
  'publicityFrom',
  'suspendedFrom',
  'suspendedUntil',
  'suspensionDocumentNo',
  'reason',
  'result',
  'title',
  'year',
  'rating',
  'documentNo',
  'reference',
] as const;

/** A record with only the fields its kind carries. */
export function recordView(r: CreditRecord) {
  const view: Record<string, unknown> = {
    id: Number(r.id),
    kind: r.kind,
    occurredOn: r.occurredOn,
    status: r.status,
  };
  for (const f of KIND_FIELDS) if (r[f] !== null && r[f] !== undefined) view[f] = r[f];
  if (r.relatedRecordId !== null) view.relatedRecordId = Number(r.relatedRecordId);
  view.createdAt = r.createdAt.toISOString();
  view.updatedAt = r.updatedAt.toISOString();
  return view;
}
