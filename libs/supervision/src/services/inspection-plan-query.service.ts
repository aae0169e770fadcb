import { periodBound, Caller, canSeeRegion, effectiveRegion, Page } from '@app/core';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InspectionPlanRepository, PlanHeader, PlanPeriod } from './inspection-plan.repository';
import { inspectionPlanView, InspectionPlanView } from './inspection-plan.view';
import { planCsv } from './plan-csv';

/** Reads of stored plans, each limited to the caller's jurisdiction. */
@Injectable()
export class InspectionPlanQueryService {
  constructor(private readonly plans: InspectionPlanRepository) {}

  async get(caller: Caller, id: number): Promise<InspectionPlanView> {
    const header = await this.header(caller, id);
    const items = [];
    for await (const item of this.plans.items(id)) items.push(item);
    return inspectionPlanView(header, items);
  }

  /**
   * Plans inside the jurisdiction (optionally narrowed) created in the period,
   * newest first, without their lists.
   */
  async list(
    caller: Caller,
    q: { region?: string; from?: string; to?: string; page: number; pageSize: number },
  ): Promise<Page<PlanHeader>> {
    const period: PlanPeriod = {
      from: q.from === undefined ? undefined : periodBound(q.from, 'from'),
      to: q.to === undefined ? undefined : periodBound(q.to, 'to'),
    };
    const region = effectiveRegion(caller, q.region);
    if (region === null) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
    const { items, total } = await this.plans.list(region, period, q.page, q.pageSize);
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  /** Checks visibility first (404 before any byte is sent), then streams the CSV. */
  async csv(
    caller: Caller,
    id: number,
  ): Promise<{ header: PlanHeader; body: AsyncIterable<string> }> {
    const header = await this.header(caller, id);
    return { header, body: planCsv(this.plans.items(id)) };
  }

  /**
   * A regulator sees plans whose region lies inside its jurisdiction; a plan
   * of a wider region would list enterprises it may not see. Outside: 404.
   */
  async header(caller: Caller, id: number): Promise<PlanHeader> {
    const header = await this.plans.findHeader(id);
    const visible = header !== null && canSeeRegion(caller, header.region);
    if (!visible) throw new NotFoundException(`inspection plan ${id} not found`);
    return header;
  }
}
