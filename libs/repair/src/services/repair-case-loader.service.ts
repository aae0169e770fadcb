import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, canSeeEnterprise, CalendarDate } from '@app/core';
import { RecordInputReader, type RecordWithEnterprise } from '@app/registry';
import type { EligibilityInput } from '../policy/eligibility.types';
import { ApplicationRepository } from './application.repository';
import type { EvidenceKind, RepairPolicy } from '../policy/repair-policy.schema';

export type RecordCase = RecordWithEnterprise;

/** Reads what eligibility is judged on: the record, the enterprise's other records, its repairs. */
@Injectable()
export class RepairCaseLoader {
  constructor(
    private readonly records: RecordInputReader,
    private readonly applications: ApplicationRepository,
  ) {}

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
    const found = await this.records.withEnterprise(m, recordId, opts);
    if (!found || !canSeeEnterprise(caller, found.enterprise)) {
      throw new NotFoundException(`record ${recordId} not found`);
    }
    return found;
  }

  /** Everything `assessEligibility` needs for `c` under `policy` on `on`. */
  async eligibilityInput(
    m: EntityManager,
    c: RecordCase,
    policy: RepairPolicy,
    on: CalendarDate,
    evidenceKinds?: EvidenceKind[],
  ): Promise<EligibilityInput> {
    const [others, repairs] = await Promise.all([
      this.records.ofEnterprise(m, c.enterprise.id),
      // A revoked approval still counts against the limits: the stricter reading,
      // as that repair was obtained on false materials.
      this.applications.repairsOf(m, c.enterprise.id),
    ]);
    // The repaired records are the enterprise's own: their kinds are among those just read.
    const kindOf = new Map<number, string>(
      [c.record, ...others].map((r) => [Number(r.id), r.kind]),
    );
    const input: EligibilityInput = {
      record: c.record,
      otherRecords: others,
      repairHistory: {
        approved: repairs.approved.map((a) => ({
          ...a,
          recordKind: kindOf.get(a.recordId) ?? 'UNKNOWN',
        })),
        openApplications: repairs.openRecordIds.map((recordId) => ({ recordId })),
      },
      policy,
      on,
    };
    return evidenceKinds ? { ...input, evidenceKinds } : input;
  }
}
