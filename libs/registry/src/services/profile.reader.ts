import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RECORD_INPUT_COLUMNS, toRecordInput } from '../record-input';
import type { EnterpriseProfile, EnterpriseStatus, LinkedListingInput } from '@app/scoring';

/** Which enterprises to load: a list of ids, or a primary-key range (batch chunks). */
export type ProfileSelection = (
  { ids: number[] } | { usccs: string[] } | { fromId: number; toId: number }
) & {
  /** A further condition on `enterprises e`. */
  where?: { sql: string; params: unknown[] };
};

interface EnterpriseRow {
  id: string | number;
  uscc: string;
  region_code: string;
  industry_code: string;
  type: string;
  registered_capital: string;
  established_on: string;
  status: EnterpriseStatus;
}

/**
 * Builds scoring profiles with three set queries whatever the number of
 * enterprises (the enterprises, their ACTIVE records, listings of enterprises
 * sharing a person with them): never one query per enterprise.
 */
@Injectable()
export class ProfileReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(
    selection: ProfileSelection,
    m: EntityManager = this.db.manager,
  ): Promise<EnterpriseProfile[]> {
    const [where, params] = this.whereClause(selection);
    const enterprises: EnterpriseRow[] = await m.query(
      `SELECT id, uscc, region_code, industry_code, type, registered_capital, established_on, status
         FROM enterprises e WHERE ${where} ORDER BY id`,
      params,
    );
    if (enterprises.length === 0) return [];
    const byId = new Map<number, EnterpriseProfile>();
    const profiles = enterprises.map((e) => {
      const p: EnterpriseProfile = {
        id: Number(e.id),
        uscc: e.uscc,
        regionCode: e.region_code,
        industryCode: e.industry_code,
        type: e.type,
        registeredCapital: Number(e.registered_capital),
        establishedOn: e.established_on,
        status: e.status,
        records: [],
        linkedListings: [],
      };
      byId.set(p.id, p);
      return p;
    });

    const ids = profiles.map((p) => p.id);
    // Only ACTIVE records can count; the engine re-checks dates and windows.
    const records = await m.query(
      `SELECT ${RECORD_INPUT_COLUMNS}
         FROM credit_records r
        WHERE r.enterprise_id IN (?) AND r.status = 'ACTIVE' ORDER BY r.enterprise_id, r.id`,
      [ids],
    );
    for (const r of records) byId.get(Number(r.enterprise_id))?.records.push(toRecordInput(r));

    const linked = await m.query(
      `SELECT DISTINCT mine.enterprise_id AS subject_id, r.enterprise_id, r.id, r.kind, r.occurred_on, r.status,
              r.publicity_from, r.suspended_from, r.suspended_until
         FROM enterprise_persons mine
         JOIN enterprise_persons theirs ON theirs.person_id = mine.person_id AND theirs.enterprise_id <> mine.enterprise_id
         JOIN credit_records r ON r.enterprise_id = theirs.enterprise_id
              AND r.kind IN ('SERIOUS_DISHONESTY_LISTING', 'ABNORMAL_LISTING') AND r.status = 'ACTIVE'
        WHERE mine.enterprise_id IN (?) ORDER BY subject_id, r.id`,
      [ids],
    );
    for (const l of linked) {
      byId.get(Number(l.subject_id))?.linkedListings.push({
        enterpriseId: Number(l.enterprise_id),
        recordId: Number(l.id),
        kind: l.kind as LinkedListingInput['kind'],
        occurredOn: l.occurred_on,
        status: l.status,
        publicityFrom: l.publicity_from ?? null,
        suspendedFrom: l.suspended_from ?? null,
        suspendedUntil: l.suspended_until ?? null,
      });
    }
    return profiles;
  }

  private whereClause(s: ProfileSelection): [string, unknown[]] {
    const extra = s.where ? ` AND ${s.where.sql}` : '';
    const extraParams = s.where?.params ?? [];
    if ('usccs' in s) {
      return s.usccs.length ? [`e.uscc IN (?)${extra}`, [s.usccs, ...extraParams]] : ['1 = 0', []];
    }
    if ('ids' in s) {
      return s.ids.length ? [`e.id IN (?)${extra}`, [s.ids, ...extraParams]] : ['1 = 0', []];
    }
    return [`e.id BETWEEN ? AND ?${extra}`, [s.fromId, s.toId, ...extraParams]];
  }
}
