import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Caller,
  coversAuthority,
  retryOnDeadlock,
  BusinessRuleException,
  ErrorDetail,
  Clock,
  WorkingDayCalendar,
} from '@app/core';
import {
  RecordInputReader,
  InputsChangeMarker,
  LISTING_KINDS,
  RecordStatusWriter,
  RescoreRequester,
} from '@app/registry';
import { RepairApplication } from '../entities/repair-application.entity';
import { ApplicationRepository } from './application.repository';
import { EvidenceItemDto, EvidenceItemKind } from '../dto/evidence-item.dto';
import {
  ApplicationAction,
  ApplicationStatus,
  authorizeTransition,
  isOpen,
  TransitionRefusal,
} from '../policy/application-state';
import { acceptBy, Deadline, decideBy, supplyBy } from '../policy/deadlines';
import { RepairPolicyBook } from '../policy/repair-policy-book';
import { ApplicationQueryService } from './application-query.service';
import { ApplicationView } from './application.view';
import { EvidenceStore } from './evidence-store.service';

/**
 * Every transition of an application: checked by the state machine, applied
 * with an optimistic lock (`WHERE version = ?`: of two decisions made on the
 * same version exactly one lands), recorded in the history, and with its
 * effect on the record in the same transaction. Re-scoring is queued after
 * the commit, so the worker never reads the record before the change.
 */
@Injectable()
export class ApplicationDecisionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queries: ApplicationQueryService,
    private readonly book: RepairPolicyBook,
    private readonly calendar: WorkingDayCalendar,
    private readonly marker: InputsChangeMarker,
    private readonly rescore: RescoreRequester,
    private readonly evidence: EvidenceStore,
    private readonly records: RecordStatusWriter,
    private readonly recordInputs: RecordInputReader,
    private readonly applications: ApplicationRepository,
    private readonly clock: Clock,
  ) {}

  async act(
    caller: Caller,
    id: number,
    action: ApplicationAction,
    input: ActionInput,
  ): Promise<ApplicationView> {
    // A deadlock victim is run again: it re-reads the version, so no decision lands twice.
    const rescore = await retryOnDeadlock(() =>
      this.db.transaction(async (m) => {
        const app = await this.queries.findVisible(caller, id, m);
        if (input.version !== app.version) throw staleVersion(id, app.version);
        const role = caller.role === 'enterprise' ? 'ENTERPRISE' : 'REGULATOR';
        const t = authorizeTransition(
          app.status,
          action,
          { role, reason: input.reason },
          { materialsRequested: app.materialsRequestedOn !== null },
        );
        if (!t.ok) throw refusalException(id, t.refusal);
        if (role === 'REGULATOR' && !coversAuthority(caller, app.authorityRegion)) {
          throw new ForbiddenException({
            message: `repair application ${id} is decided by the issuing authority ${app.authorityRegion} (谁认定谁修复)`,
            details: [{ code: 'NOT_THE_DECIDING_AUTHORITY', authorityRegion: app.authorityRegion }],
          });
        }

        const changes = await this.changes(m, app, action, t.status, input);
        const applied = await this.applications.updateAtVersion(m, id, input.version, {
          ...changes,
          status: t.status,
        });
        // Someone else's decision on the same version committed first.
        if (!applied) throw staleVersion(id);

        await this.applications.addHistory(m, [
          {
            applicationId: String(id),
            at: this.clock.now(),
            actorSub: caller.sub,
            actorRole: caller.role,
            action,
            reason: input.reason?.trim() || null,
            fromStatus: app.status,
            toStatus: t.status,
          },
        ]);
        return this.applyToRecord(m, app, action);
      }),
    );
    for (const uscc of rescore) await this.rescore.request(uscc, `repair-${action}:${id}`);
    return (await this.queries.views([id], caller))[0];
  }

  /** The columns a transition sets besides status and version. */
  private async changes(
    m: EntityManager,
    app: RepairApplication,
    action: ApplicationAction,
    to: ApplicationStatus,
    input: ActionInput,
  ): Promise<Partial<RepairApplication>> {
    const today = this.clock.today();
    // Leaving the open states frees the record for a new application.
    const out: Partial<RepairApplication> = isOpen(to)
      ? {}
      : { openRecordId: null, overdue: false };
    // Judged by the policy of the submission date for its whole life.
    const policy = this.policyOf(app);
    const withDeadline = (d: Deadline) => ({
      overdue: false,
      calendarFallbackYears: [...new Set([...app.calendarFallbackYears, ...d.fallbackYears])].sort(
        (a, b) => a - b,
      ),
    });
    if (action === 'accept') {
      const record = await this.recordInputs.get(m, Number(app.recordId));
      const deadline = decideBy(today, record, policy, this.calendar);
      Object.assign(out, { acceptedOn: today, decideBy: deadline.date, ...withDeadline(deadline) });
    }
    if (action === 'request-materials') {
      // The acceptance clock stops until the reply; the reply has its own limit.
      const deadline = supplyBy(today, policy, this.calendar);
      Object.assign(out, {
        materialsRequested: input.materials ?? [],
        materialsRequestedOn: today,
        supplyBy: deadline.date,
        ...withDeadline(deadline),
      });
    }
    if (action === 'supply-materials') {
      await this.addSuppliedEvidence(m, app, input.evidence ?? []);
      // The acceptance clock restarts from the reply.
      const deadline = acceptBy(today, policy, this.calendar);
      Object.assign(out, { acceptBy: deadline.date, ...withDeadline(deadline) });
    }
    if (action === 'reject' || action === 'approve' || action === 'deny') {
      Object.assign(out, { decidedAt: this.clock.now(), decidedOn: today });
    }
    return out;
  }

  private policyOf(app: RepairApplication) {
    const policy = this.book.byId(app.policyId);
    if (!policy) throw new Error(`repair policy ${app.policyId} is no longer configured`);
    return policy;
  }

  /**
   * The reply to a 补正 request: files the enterprise uploaded itself, covering
   * every requested material; anything else is 422 naming what is wrong.
   */
  private async addSuppliedEvidence(
    m: EntityManager,
    app: RepairApplication,
    evidence: EvidenceItemDto[],
  ): Promise<void> {
    const uscc = app.uscc;
    const unknown = await this.evidence.notUploadedBy(
      m,
      uscc,
      evidence.map((e) => e.sha256),
    );
    const supplied = new Set(evidence.map((e) => e.kind));
    const missing = app.materialsRequested.filter((k) => !supplied.has(k as EvidenceItemKind));
    const details: ErrorDetail[] = [
      ...(missing.length
        ? [{ code: 'MATERIALS_MISSING', met: false, missingMaterials: missing }]
        : []),
      ...unknown.map((sha256) => ({ code: 'EVIDENCE_NOT_FOUND', met: false, sha256 })),
    ];
    if (details.length) {
      throw new BusinessRuleException(
        `repair application ${app.id}: the reply does not supply what was requested: ${details.map((d) => d.code).join(', ')}`,
        details,
      );
    }
    await this.applications.addEvidence(
      m,
      app.id,
      evidence.map((e) => ({ kind: e.kind, title: e.title, sha256: e.sha256 })),
    );
  }

  /**
   * Approve repairs the record (and ends the publication of the inspection
   * result a penalty followed from); revoke restores both, and under a policy
   * that says so the record's publicity runs again from the revocation.
   * Returns the USCCs to re-score.
   */
  private async applyToRecord(
    m: EntityManager,
    app: RepairApplication,
    action: ApplicationAction,
  ): Promise<string[]> {
    if (action !== 'approve' && action !== 'revoke') return [];
    const record = await this.recordInputs.get(m, Number(app.recordId));
    const approve = action === 'approve';
    const [from, to] = approve
      ? (['ACTIVE', 'REPAIRED'] as const)
      : (['REPAIRED', 'ACTIVE'] as const);
    const restart = !approve && this.policyOf(app).revocationRestartsPublicity;
    const moved = await this.records.move(m, app.recordId, from, to, {
      publicityFrom: restart ? this.clock.today() : undefined,
    });
    if (!moved) {
      throw new ConflictException(
        `record ${app.recordId} is no longer ${from}: the application cannot be ${action}d`,
      );
    }
    if (approve && record.kind === 'PENALTY' && record.relatedRecordId) {
      // 2025 scope: repairing a penalty also ends the publication of the inspection result it followed from.
      const also = await this.records.move(m, record.relatedRecordId, 'ACTIVE', 'REPAIRED', {
        where: 'negativeInspection',
      });
      if (also) {
        await this.applications.set(m, app.id, {
          alsoRepairedRecordId: String(record.relatedRecordId),
        });
      }
    }
    if (!approve && app.alsoRepairedRecordId) {
      await this.records.move(m, app.alsoRepairedRecordId, 'REPAIRED', 'ACTIVE');
    }
    // A listing also counts against enterprises linked by a person (L1/L2).
    return this.marker.mark(m, app.enterpriseId, { linked: LISTING_KINDS.includes(record.kind) });
  }
}

/** What a transition may carry besides the version: a reason, 补正's list, the reply's files. */
export interface ActionInput {
  version: number;
  reason?: string;
  materials?: EvidenceItemKind[];
  evidence?: EvidenceItemDto[];
}

function staleVersion(id: number, current?: number): ConflictException {
  return new ConflictException(
    current === undefined
      ? `repair application ${id} was changed meanwhile: reload it and decide again`
      : `stale version: repair application ${id} is at version ${current}`,
  );
}

function refusalException(id: number, r: TransitionRefusal) {
  switch (r.code) {
    case 'NOT_ALLOWED_FROM_STATUS':
      return new ConflictException({
        message: `repair application ${id} is ${r.status}: cannot ${r.action}`,
        details: [{ code: r.code, status: r.status, action: r.action }],
      });
    case 'REASON_REQUIRED':
      return new BadRequestException({
        message: `invalid request: reason is required to ${r.action}`,
        details: [{ field: 'reason', message: `reason is required to ${r.action}` }],
      });
    case 'MATERIALS_ALREADY_REQUESTED':
      return new ConflictException({
        message: `repair application ${id}: missing materials were already requested once (一次性告知)`,
        details: [{ code: r.code, action: r.action }],
      });
    case 'ROLE_NOT_PERMITTED':
      return new ForbiddenException(`role ${r.role.toLowerCase()} may not ${r.action}`);
  }
}
