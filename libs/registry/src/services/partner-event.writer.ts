import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { regionFullName } from '@app/core';

/** What partner departments act on (docs/events.md). */
export const PARTNER_EVENT_TYPES = [
  'serious-list.added',
  'serious-list.ended',
  'serious-list.repaired',
  'serious-list.revoked',
  'serious-list.restored',
  'abnormal-list.added',
  'abnormal-list.removed',
  'abnormal-list.restored',
  'penalty.publicity-ended',
  'penalty.publicity-restored',
  'enterprise.revoked',
  'enterprise.cancelled',
] as const;
export type PartnerEventType = (typeof PARTNER_EVENT_TYPES)[number];

/** A record's public facts, as the rows the writers read. */
interface RecordRow {
  id: string | number;
  enterprise_id: string | number;
  kind: string;
  status: string;
  occurred_on: string;
  document_no: string | null;
  authority_region: string | null;
  reason: string | null;
  uscc: string;
  name: string;
  region_code: string;
}

const RECORD_COLUMNS = `r.id, r.enterprise_id, r.kind, r.status, r.occurred_on, r.document_no,
  r.authority_region, r.reason, e.uscc, e.name, e.region_code`;

/** The event a record's move announces, if partners act on it. */
export function recordEventType(kind: string, from: string, to: string): PartnerEventType | null {
  if (kind === 'SERIOUS_DISHONESTY_LISTING') {
    if (from === 'ACTIVE' && to === 'REPAIRED') return 'serious-list.repaired';
    if (from === 'ACTIVE' && to === 'REVOKED') return 'serious-list.revoked';
    if (to === 'ACTIVE') return 'serious-list.restored';
  }
  if (kind === 'ABNORMAL_LISTING') {
    if (from === 'ACTIVE') return 'abnormal-list.removed';
    if (to === 'ACTIVE') return 'abnormal-list.restored';
  }
  if (kind === 'PENALTY') {
    if (from === 'ACTIVE' && to === 'REPAIRED') return 'penalty.publicity-ended';
    if (from === 'REPAIRED' && to === 'ACTIVE') return 'penalty.publicity-restored';
  }
  return null;
}

/**
 * The outbox of partner events: rows written with the caller's manager, in
 * the transaction of the change they announce (the registry's write path for
 * listings added and enterprises revoked or cancelled; the record-status
 * writer for repairs, revocations and restorations). Public facts only.
 */
@Injectable()
export class PartnerEventWriter {
  /** Listings just inserted for these enterprises (ids at or above `firstId`, the insert's own). */
  async listingsAdded(m: EntityManager, enterpriseIds: number[], firstId: number, at: Date) {
    if (enterpriseIds.length === 0) return;
    // The enterprises are locked by the writer: no other insert for them can interleave.
    const rows: RecordRow[] = await m.query(
      `SELECT ${RECORD_COLUMNS} FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.enterprise_id IN (?) AND r.id >= ? AND r.status = 'ACTIVE'
          AND r.kind IN ('SERIOUS_DISHONESTY_LISTING', 'ABNORMAL_LISTING')
        ORDER BY r.id`,
      [enterpriseIds, firstId],
    );
    await this.insert(
      m,
      rows.map((r) => ({
        type: r.kind === 'ABNORMAL_LISTING' ? 'abnormal-list.added' : 'serious-list.added',
        row: r,
      })),
      at,
    );
  }

  /** A record's move between statuses, when partners act on it. */
  async recordMoved(
    m: EntityManager,
    recordId: number | string,
    from: string,
    to: string,
    at: Date,
  ) {
    const [row]: RecordRow[] = await m.query(
      `SELECT ${RECORD_COLUMNS} FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.id = ?`,
      [recordId],
    );
    const type = row && recordEventType(row.kind, from, to);
    if (type) await this.insert(m, [{ type, row }], at);
  }

  /** Serious listings whose publicity period ended by itself (the daily sweep). */
  async seriousListingsEnded(m: EntityManager, recordIds: number[], at: Date) {
    if (recordIds.length === 0) return;
    const rows: RecordRow[] = await m.query(
      `SELECT ${RECORD_COLUMNS} FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.id IN (?) ORDER BY r.id`,
      [recordIds],
    );
    await this.insert(
      m,
      rows.map((row) => ({ type: 'serious-list.ended' as const, row })),
      at,
    );
  }

  /** Enterprises whose status became REVOKED or CANCELLED. */
  async enterpriseStatus(
    m: EntityManager,
    changes: { id: number; uscc: string; name: string; regionCode: string; status: string }[],
    at: Date,
  ) {
    const rows = changes
      .filter((c) => c.status === 'REVOKED' || c.status === 'CANCELLED')
      .map((c) => ({
        type: (c.status === 'REVOKED'
          ? 'enterprise.revoked'
          : 'enterprise.cancelled') as PartnerEventType,
        enterprise: { id: c.id, uscc: c.uscc, name: c.name, regionCode: c.regionCode },
        record: null,
      }));
    await this.write(m, rows, at);
  }

  private insert(m: EntityManager, events: { type: PartnerEventType; row: RecordRow }[], at: Date) {
    return this.write(
      m,
      events.map(({ type, row: r }) => ({
        type,
        enterprise: {
          id: Number(r.enterprise_id),
          uscc: r.uscc,
          name: r.name,
          regionCode: r.region_code,
        },
        record: {
          id: Number(r.id),
          kind: r.kind,
          occurredOn: String(r.occurred_on).slice(0, 10),
          documentNo: r.document_no,
          reason: r.reason,
          authorityRegion: r.authority_region,
        },
      })),
      at,
    );
  }

  private async write(
    m: EntityManager,
    events: {
      type: PartnerEventType;
      enterprise: { id: number; uscc: string; name: string; regionCode: string };
      record: {
        id: number;
        kind: string;
        occurredOn: string;
        documentNo: string | null;
        reason: string | null;
        authorityRegion: string | null;
      } | null;
    }[],
    at: Date,
  ) {
    if (events.length === 0) return;
    const rows = events.map((e) => {
      const id = `evt_${randomUUID()}`;
      const authorityRegion = e.record?.authorityRegion ?? e.enterprise.regionCode;
      const payload = {
        id,
        type: e.type,
        occurredAt: at.toISOString(),
        enterprise: {
          uscc: e.enterprise.uscc,
          name: e.enterprise.name,
          regionCode: e.enterprise.regionCode,
        },
        record: e.record && {
          id: e.record.id,
          kind: e.record.kind,
          occurredOn: e.record.occurredOn,
          documentNo: e.record.documentNo,
          reason: e.record.reason,
        },
        authority: {
          region: authorityRegion,
          name: `${regionFullName(authorityRegion) ?? authorityRegion}市场监督管理局`,
        },
      };
      return [
        id,
        e.type,
        e.enterprise.id,
        e.enterprise.regionCode,
        e.record?.id ?? null,
        JSON.stringify(payload),
        at,
      ];
    });
    await m.query(
      `INSERT INTO partner_events (event_id, type, enterprise_id, region_code, record_id, payload, occurred_at)
       VALUES ?`,
      [rows],
    );
  }
}
