import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, Clock, canSeeRegion, Page, effectiveRegion, shanghaiDate } from '@app/core';
import { RecordInputReader, RecordService } from '@app/registry';
import { noOutcomes, problemRates, TIERS } from '../domain';
import { RecordInspectionResultDto } from '../dto/record-inspection-result.dto';
import { InspectionPlanQueryService } from '../services/inspection-plan-query.service';
import { InspectionPlanRepository, PlanHeader } from '../services/inspection-plan.repository';
import { ListingProposal, ListingProposalRepository } from './listing-proposal.repository';
import { PublicResultLine, publicResultLine, publicResultsCsv } from './public-results';

const NOT_FOUND_REASON = '通过登记的住所无法联系';

function invalid(field: string, message: string) {
  return new BadRequestException({
    message: `invalid request: ${message}`,
    details: [{ field, message }],
  });
}

/**
 * Results of a plan's inspections. Each result is written once, together with
 * the INSPECTION record it becomes (the registry's one write path, same
 * transaction; the enterprise is re-scored after commit like after any
 * record), the proposal to list the enterprise as abnormal when it could not
 * be found, and the plan's closing when it was the last item outstanding.
 */
@Injectable()
export class InspectionResultService {
  constructor(
    private readonly plans: InspectionPlanRepository,
    private readonly query: InspectionPlanQueryService,
    private readonly records: RecordService,
    private readonly recordInputs: RecordInputReader,
    private readonly proposals: ListingProposalRepository,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async record(caller: Caller, planId: number, uscc: string, dto: RecordInspectionResultDto) {
    const plan = await this.query.header(caller, planId);
    const item = await this.plans.item(planId, uscc);
    if (!item || !canSeeRegion(caller, item.regionCode))
      throw new NotFoundException(`enterprise ${uscc} is not in inspection plan ${planId}`);
    if (item.result) throw alreadyRecorded(uscc, planId);
    this.check(plan, dto);
    if (dto.penaltyRecordId !== undefined) await this.checkPenalty(item.enterpriseId, dto);

    const now = this.clock.now();
    const recordId = await this.records
      .addWithin(
        uscc,
        {
          kind: 'INSPECTION',
          occurredOn: dto.inspectedOn,
          result: dto.result,
          documentNo: dto.documentNo,
          relatedRecordId: dto.penaltyRecordId,
          // One result per item: the reference makes a concurrent second one a duplicate.
          reference: `inspection-plan:${planId}:${item.position}`,
          authorityRegion: plan.region,
        },
        async (m: EntityManager, recordId: number) => {
          const recorded = await this.plans.setResult(m, planId, item.position, {
            result: dto.result,
            inspectedOn: dto.inspectedOn,
            documentNo: dto.documentNo,
            findings: dto.findings ?? null,
            penaltyRecordId: dto.penaltyRecordId ?? null,
            recordId,
            resultBy: caller.sub,
            resultAt: now,
          });
          if (!recorded) throw alreadyRecorded(uscc, planId);
          if (dto.result === 'NOT_FOUND')
            await this.proposals.open(m, {
              planId,
              enterpriseId: item.enterpriseId,
              uscc,
              name: item.name,
              regionCode: item.regionCode,
              inspectionRecordId: recordId,
              inspectedOn: dto.inspectedOn,
              reason: NOT_FOUND_REASON,
              createdAt: now,
            });
          await this.plans.closeIfComplete(m, planId, now);
        },
      )
      .catch((e: unknown) => {
        // The registry refuses a second record of the same reference: a result raced this one.
        if (e instanceof ConflictException) throw alreadyRecorded(uscc, planId);
        throw e;
      });
    return {
      item: {
        planId,
        position: item.position,
        uscc,
        result: dto.result,
        inspectedOn: dto.inspectedOn,
        documentNo: dto.documentNo,
        findings: dto.findings ?? null,
        penaltyRecordId: dto.penaltyRecordId ?? null,
        recordedBy: caller.sub,
        recordedAt: now.toISOString(),
      },
      recordId,
      listingProposed: dto.result === 'NOT_FOUND',
    };
  }

  /** Items done out of the total, per tier at the draw, with the problem rates. */
  async progress(caller: Caller, planId: number) {
    const plan = await this.query.header(caller, planId);
    const rows = await this.plans.progress(planId);
    const outcomes = noOutcomes();
    const byTier = Object.fromEntries(TIERS.map((t) => [t, { total: 0, done: 0 }]));
    for (const r of rows) {
      byTier[r.tier] = { total: r.total, done: r.done };
      outcomes[r.tier] = { inspected: r.done, problems: r.problems };
    }
    const total = rows.reduce((s, r) => s + r.total, 0);
    const done = rows.reduce((s, r) => s + r.done, 0);
    return {
      planId,
      total,
      done,
      closed: plan.closedAt !== null,
      closedAt: plan.closedAt,
      byTier,
      rates: problemRates(outcomes),
    };
  }

  /**
   * 问题发现率 per tier at draw time over every plan inside `region` (all
   * regions: ''), for results inspected in [from, to].
   */
  async drawTimeRates(region: string, from: string, to: string) {
    const outcomes = noOutcomes();
    for (const r of await this.plans.outcomesWithin(region, from, to))
      outcomes[r.tier] = { inspected: r.done, problems: r.problems };
    return problemRates(outcomes);
  }

  /** The published results of a plan, as JSON lines. */
  async publicResults(caller: Caller, planId: number): Promise<PublicResultLine[]> {
    const plan = await this.query.header(caller, planId);
    const out: PublicResultLine[] = [];
    for await (const r of this.plans.results(planId)) out.push(publicResultLine(plan, r));
    return out;
  }

  async publicResultsCsv(caller: Caller, planId: number) {
    const plan = await this.query.header(caller, planId);
    return { plan, body: publicResultsCsv(plan, this.plans.results(planId)) };
  }

  /** Open proposals to list as abnormal, inside the caller's jurisdiction. */
  async proposalsFor(
    caller: Caller,
    q: { region?: string; page: number; pageSize: number },
  ): Promise<Page<ListingProposal>> {
    const region = effectiveRegion(caller, q.region);
    if (region === null) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
    const { items, total } = await this.proposals.list(region, q.page, q.pageSize);
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  private check(plan: PlanHeader, dto: RecordInspectionResultDto) {
    const drawnOn = shanghaiDate(new Date(plan.createdAt));
    if (dto.inspectedOn < drawnOn)
      throw invalid('inspectedOn', `inspectedOn must not be before the draw (${drawnOn})`);
    if (dto.inspectedOn > this.clock.today())
      throw invalid('inspectedOn', 'inspectedOn must not be in the future');
    if (dto.result !== 'PROBLEM' && dto.penaltyRecordId !== undefined)
      throw invalid('penaltyRecordId', 'penaltyRecordId is only for a PROBLEM result');
  }

  private async checkPenalty(enterpriseId: number, dto: RecordInspectionResultDto) {
    const [penalty] = await this.recordInputs.someOfEnterprise(this.db.manager, enterpriseId, [
      dto.penaltyRecordId!,
    ]);
    if (penalty?.kind !== 'PENALTY')
      throw invalid(
        'penaltyRecordId',
        `penaltyRecordId ${dto.penaltyRecordId} is not a penalty record of this enterprise`,
      );
  }
}

function alreadyRecorded(uscc: string, planId: number) {
  return new ConflictException(
    `the inspection of ${uscc} in plan ${planId} already has a result (a result is recorded once)`,
  );
}
