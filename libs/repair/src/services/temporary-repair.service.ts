import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Caller,
  canSeeEnterprise,
  coversAuthority,
  BusinessRuleException,
  ErrorDetail,
  Clock,
} from '@app/core';
import {
  RecordInputReader,
  EnterpriseRepository,
  InputsChangeMarker,
  RecordStatusWriter,
  recordView,
  RescoreRequester,
} from '@app/registry';
import { TemporaryRepairDto } from '../dto/temporary-repair.dto';

/** The adverse records a reorganisation may suspend: those published against the enterprise. */
export const SUSPENDABLE_KINDS = ['PENALTY', 'ABNORMAL_LISTING', 'SERIOUS_DISHONESTY_LISTING'];

/**
 * 破产重整 临时信用修复: during a court-approved reorganisation plan the
 * deciding authority may suspend the enterprise's adverse records for the
 * plan's term. They stop counting from today through `planEndsOn` and count
 * again by themselves the day after (the engine reads the dates), so nothing
 * has to remember to lift it.
 */
@Injectable()
export class TemporaryRepairService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly marker: InputsChangeMarker,
    private readonly rescore: RescoreRequester,
    private readonly records: RecordStatusWriter,
    private readonly recordInputs: RecordInputReader,
    private readonly enterprises: EnterpriseRepository,
    private readonly clock: Clock,
  ) {}

  async suspend(caller: Caller, uscc: string, dto: TemporaryRepairDto) {
    const today = this.clock.today();
    const { records, affected } = await this.db.transaction(async (m) => {
      const enterprise = await this.enterprises.lockByUscc(m, uscc);
      const found = await this.recordInputs.someOfEnterprise(m, enterprise.id, dto.recordIds);
      const byId = new Map(found.map((r) => [Number(r.id), r]));
      const problems: ErrorDetail[] = [];
      if (dto.planEndsOn < dto.planApprovedOn || dto.planEndsOn < today) {
        problems.push({
          code: 'PLAN_TERM_INVALID',
          field: 'planEndsOn',
          message: `planEndsOn ${dto.planEndsOn} is before the plan's approval or today (${today})`,
        });
      }
      if (dto.planApprovedOn > today) {
        problems.push({
          code: 'PLAN_NOT_YET_APPROVED',
          field: 'planApprovedOn',
          message: `planApprovedOn ${dto.planApprovedOn} is after today (${today})`,
        });
      }
      for (const id of dto.recordIds) {
        const r = byId.get(id);
        if (!r) problems.push({ code: 'RECORD_NOT_FOUND', recordId: id });
        else if (!SUSPENDABLE_KINDS.includes(r.kind) || r.status !== 'ACTIVE')
          problems.push({ code: 'NOT_SUSPENDABLE', recordId: id, kind: r.kind, status: r.status });
      }
      if (problems.length) {
        throw new BusinessRuleException(
          `records of ${uscc} cannot be suspended: ${problems.map((p) => p.code).join(', ')}`,
          problems,
        );
      }
      // Outside the jurisdiction (neither registration nor any record's authority): not found.
      const mine = found.some((r) => coversAuthority(caller, r.authorityRegion));
      if (!mine && !canSeeEnterprise(caller, enterprise))
        throw new NotFoundException(`enterprise ${uscc} not found`);
      // 谁认定谁修复: only the authority that issued a record decides on it.
      const foreign = found.filter((r) => !coversAuthority(caller, r.authorityRegion));
      if (foreign.length) {
        throw new ForbiddenException({
          message: `records ${foreign.map((r) => r.id).join(', ')} are decided by their issuing authority`,
          details: foreign.map((r) => ({
            code: 'NOT_THE_DECIDING_AUTHORITY',
            recordId: Number(r.id),
            authorityRegion: r.authorityRegion,
          })),
        });
      }
      const records = await this.records.suspend(m, dto.recordIds, {
        from: today,
        until: dto.planEndsOn,
        documentNo: dto.courtDocumentNo,
      });
      const linked = found.some((r) => r.kind !== 'PENALTY');
      const affected = await this.marker.mark(m, enterprise.id, { linked });
      return { records, affected };
    });
    for (const u of affected) await this.rescore.request(u, `temporary-repair:${uscc}`);
    return {
      uscc,
      suspendedFrom: today,
      suspendedUntil: dto.planEndsOn,
      records: records.map(recordView),
    };
  }
}
