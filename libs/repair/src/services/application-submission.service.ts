import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Caller,
  BusinessRuleException,
  ErrorDetail,
  Clock,
  WorkingDayCalendar,
  isDuplicateKey,
} from '@app/core';
import { SubmitApplicationDto } from '../dto/submit-application.dto';
import { ApplicationRepository } from './application.repository';
import { acceptBy } from '../policy/deadlines';
import { assessEligibility } from '../policy/eligibility';
import { NoPolicyInForceError, RepairPolicyBook } from '../policy/repair-policy-book';
import { EVIDENCE_KINDS, EvidenceKind } from '../policy/repair-policy.schema';
import { ApplicationQueryService } from './application-query.service';
import { ApplicationView } from './application.view';
import { EvidenceStore } from './evidence-store.service';
import { RepairCaseLoader } from './repair-case-loader.service';

/**
 * Submission: the enterprise's own record, its own uploaded files, every
 * condition of the policy in force today, and at most one open application
 * per record (a unique key, so two racing submissions cannot both succeed).
 */
@Injectable()
export class ApplicationSubmissionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly loader: RepairCaseLoader,
    private readonly evidence: EvidenceStore,
    private readonly book: RepairPolicyBook,
    private readonly calendar: WorkingDayCalendar,
    private readonly queries: ApplicationQueryService,
    private readonly applications: ApplicationRepository,
    private readonly clock: Clock,
  ) {}

  async submit(caller: Caller, dto: SubmitApplicationDto): Promise<ApplicationView> {
    const now = this.clock.now();
    const today = this.clock.today();
    let id: number;
    try {
      id = await this.db.transaction(async (m) => {
        // The record row lock serialises submissions on one record, so the
        // eligibility read below cannot be overtaken before the insert.
        const c = await this.loader.record(m, caller, dto.recordId, { lock: true });
        const policy = this.book.policyFor(today);
        const kinds = dto.evidence
          .map((e) => e.kind)
          .filter((k): k is EvidenceKind => (EVIDENCE_KINDS as readonly string[]).includes(k));
        const result = assessEligibility(
          await this.loader.eligibilityInput(m, c, policy, today, kinds),
        );
        const unmet = result.conditions.filter((x) => !x.met);
        if (unmet.some((x) => x.code === 'OPEN_APPLICATION_EXISTS')) {
          throw openApplicationConflict(dto.recordId);
        }
        const unknown = await this.evidence.notUploadedBy(
          m,
          c.enterprise.uscc,
          dto.evidence.map((e) => e.sha256),
        );
        const details: ErrorDetail[] = [
          ...unmet.map((x) => ({ ...x })),
          ...unknown.map((sha256) => ({ code: 'EVIDENCE_NOT_FOUND', met: false, sha256 })),
        ];
        if (details.length) {
          throw new BusinessRuleException(
            `record ${dto.recordId} cannot be repaired now: ${details.map((d) => d.code).join(', ')}`,
            details,
          );
        }
        const deadline = acceptBy(today, policy, this.calendar);
        const appId = await this.applications.insert(
          m,
          {
            recordId: String(c.record.id),
            recordKind: c.record.kind,
            enterpriseId: String(c.enterprise.id),
            uscc: c.enterprise.uscc,
            regionCode: c.enterprise.regionCode,
            authorityRegion: c.authorityRegion,
            status: 'SUBMITTED',
            version: 1,
            openRecordId: String(c.record.id),
            policyId: policy.id,
            reason: dto.reason,
            commitment: dto.commitment,
            submittedAt: now,
            submittedOn: today,
            acceptBy: deadline.date,
            overdue: false,
            calendarFallbackYears: deadline.fallbackYears,
          },
          dto.evidence.map((e) => ({ kind: e.kind, title: e.title, sha256: e.sha256 })),
        );
        return Number(appId);
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw openApplicationConflict(dto.recordId);
      if (err instanceof NoPolicyInForceError) {
        throw new BusinessRuleException(err.message, [{ code: 'NO_POLICY_IN_FORCE', met: false }]);
      }
      throw err;
    }
    return (await this.queries.views([id], caller))[0];
  }
}

function openApplicationConflict(recordId: number): ConflictException {
  return new ConflictException({
    message: `record ${recordId} already has an open repair application`,
    details: [{ code: 'OPEN_APPLICATION_EXISTS', met: false }],
  });
}
