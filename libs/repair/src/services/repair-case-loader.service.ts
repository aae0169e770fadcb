import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '@app/core/auth/caller';
import { canSeeEnterprise } from '@app/core/auth/jurisdiction';
import { CalendarDate } from '@app/core/values/calendar-date';
import type { CreditRecordInput } from '@app/scoring/profile';
import { RECORD_INPUT_COLUMNS, toRecordInput } from '@app/registry/record-input';
import type { EligibilityInput } from '../policy/eligibility.types';
import type { EvidenceKind, RepairPolicy } from '../policy/repair-policy.schema';

export interface RecordCase {
  record: CreditRecordInput;
  /** The issuing authority's division code: its regulators decide the repair. */
  authorityRegion: string;
  enterprise: { id: number; uscc: string; regionCode: string; industryCode: string };
}

/** Reads what eligibility is judged on: the record, the enterprise's other records, its repairs. */
@Injectable()
export class RepairCaseLoader {
  /**
   * The record and its enterprise if the caller may see them; 404 otherwise
   * (also outside the jurisdiction). `lock` takes the record row FOR UPDATE,
   * which serialises submissions and decisions on one record.
   */
  async record(
    m: EntityManager,
    caller: Caller,
    recordId: number,
    opts: { lock?: boolean } = {},
  ): Promise<RecordCase> {
    const rows = await m.query(
      `SELECT ${RECORD_INPUT_COLUMNS}, r.authority_region, e.uscc, e.region_code, e.industry_code
         FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.id = ?${opts.lock ? ' FOR UPDATE' : ''}`,
      [recordId],
    );
    const row = rows[0];
    if (!row || !canSeeEnterprise(caller, { uscc: row.uscc, regionCode: row.region_code })) {
      throw new NotFoundException(`record ${recordId} not found`);
    }
    return {
      record: toRecordInput(row),
      authorityRegion: row.authority_region,
      enterprise: {
        id: Number(row.enterprise_id),
        uscc: row.uscc,
        regionCode: row.region_code,
        industryCode: row.industry_code,
      },
    };
  }

  /** Everything `assessEligibility` needs for `c` under `policy` on `on`. */
  async eligibilityInput(
    m: EntityManager,
    c: RecordCase,
    policy: RepairPolicy,
    on: CalendarDate,
    evidenceKinds?: EvidenceKind[],
  ): Promise<EligibilityInput> {
    const [others, approved, open] = await Promise.all([
      m.query(`SELECT ${RECORD_INPUT_COLUMNS} FROM credit_records r WHERE r.enterprise_id = ?`, [
        c.enterprise.id,
      ]),
      // A revoked approval still counts against the limits: the stricter reading,
      // as that repair was obtained on false materials.
      m.query(
        `SELECT record_id, decided_on FROM repair_applications
          WHERE enterprise_id = ? AND status IN ('APPROVED', 'REVOKED') AND decided_on IS NOT NULL`,
        [c.enterprise.id],
      ),
      m.query(
        'SELECT open_record_id FROM repair_applications WHERE enterprise_id = ? AND open_record_id IS NOT NULL',
        [c.enterprise.id],
      ),
    ]);
    // The repaired records are the enterprise's own: their kinds are among those just read.
    const kindOf = new Map<number, string>(
      [c.record, ...others.map(toRecordInput)].map((r) => [Number(r.id), r.kind]),
    );
    const input: EligibilityInput = {
      record: c.record,
      otherRecords: others.map(toRecordInput),
      repairHistory: {
        approved: approved.map((a: { record_id: string; decided_on: string }) => ({
          recordId: Number(a.record_id),
          recordKind: kindOf.get(Number(a.record_id)) ?? 'UNKNOWN',
          decidedOn: a.decided_on,
        })),
        openApplications: open.map((o: { open_record_id: string }) => ({
          recordId: Number(o.open_record_id),
        })),
      },
      policy,
      on,
    };
    return evidenceKinds ? { ...input, evidenceKinds } : input;
  }
}
