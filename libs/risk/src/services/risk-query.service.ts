import { Injectable, NotFoundException } from '@nestjs/common';
import {
  assertCanSeeEnterprise,
  Caller,
  effectiveRegion,
  Page,
  regionFullName,
  regionName,
} from '@app/core';
import { EnterpriseService } from '@app/registry';
import { assessmentView, AssessmentView } from './assessment.view';
import { AssessmentQueryRepository } from './assessment-query.repository';
import { ModelCatalog } from '../models/model-catalog.service';

const EMPTY_TIERS = { A: 0, B: 0, C: 0, D: 0 };

export interface TierListItem {
  uscc: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  tier: string;
  score: number;
  asOf: string;
  assessedAt: string;
}

/** Reads of risk data: current, history, lists and summaries, all within the caller's jurisdiction. */
@Injectable()
export class RiskQueryService {
  constructor(
    private readonly reads: AssessmentQueryRepository,
    private readonly enterprises: EnterpriseService,
    private readonly models: ModelCatalog,
  ) {}

  /**
   * The hottest read of the service: one indexed query (the enterprise by USCC
   * joined to its current row) on the pool itself, no entity hydration.
   */
  async current(caller: Caller, uscc: string): Promise<AssessmentView> {
    const row = await this.reads.current(uscc);
    assertCanSeeEnterprise(caller, row && { uscc, regionCode: row.enterprise_region }, uscc);
    if (row.tier === null) throw new NotFoundException(`enterprise ${uscc} has not been assessed`);
    return assessmentView(uscc, row, this.models.find(row.model_version));
  }

  async history(
    caller: Caller,
    uscc: string,
    page: number,
    pageSize: number,
  ): Promise<Page<AssessmentView>> {
    const e = await this.enterprises.findVisible(caller, uscc);
    const { rows, total } = await this.reads.history(e.id, page, pageSize);
    return {
      items: rows.map((r) => ({
        ...assessmentView(uscc, r, this.models.find(r.model_version)),
        runId: r.run_id === null ? null : Number(r.run_id),
        trigger: r.trigger,
      })),
      page,
      pageSize,
      total,
    };
  }

  /** The assessment in force on a date: the latest one made as of that date or before. */
  async at(caller: Caller, uscc: string, date: string): Promise<AssessmentView> {
    const e = await this.enterprises.findVisible(caller, uscc);
    const row = await this.reads.inForceOn(e.id, date);
    if (!row) throw new NotFoundException(`enterprise ${uscc} had no assessment on ${date}`);
    return assessmentView(uscc, row, this.models.find(row.model_version));
  }

  async list(
    caller: Caller,
    q: { tier?: string; region?: string; q?: string; page: number; pageSize: number },
  ): Promise<Page<TierListItem>> {
    const region = effectiveRegion(caller, q.region);
    if (region === null) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
    const { rows, total } = await this.reads.page(
      { region, tier: q.tier, q: q.q },
      q.page,
      q.pageSize,
    );
    return {
      items: rows.map((r) => ({
        uscc: r.uscc,
        name: r.name,
        regionCode: r.region_code,
        regionName: regionFullName(r.region_code),
        tier: r.tier,
        score: Number(r.score),
        asOf: r.as_of,
        assessedAt: new Date(r.assessed_at).toISOString(),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  async summary(caller: Caller, regionFilter?: string, groupBy?: 'subregion') {
    const region = effectiveRegion(caller, regionFilter);
    const byTier = { ...EMPTY_TIERS };
    if (region !== null) {
      for (const r of await this.reads.countByTier(region)) byTier[r.tier] = r.n;
    }
    const total = Object.values(byTier).reduce((a, b) => a + b, 0);
    const code = region ?? regionFilter ?? '';
    const summary = { region: code, regionName: regionName(code), total, byTier };
    if (groupBy !== 'subregion') return summary;
    return { ...summary, subRegions: region === null ? [] : await this.subRegions(region) };
  }

  /** Counts per tier of each region one administrative level below `region` (a district: itself). */
  private async subRegions(region: string) {
    const digits = Math.min(region.length + 2, 6);
    const rows = await this.reads.countByTier(region, digits);
    const out = new Map<
      string,
      { region: string; regionName: string | null; total: number; byTier: typeof EMPTY_TIERS }
    >();
    for (const r of rows) {
      const entry = out.get(r.sub) ?? {
        region: r.sub,
        regionName: regionName(r.sub),
        total: 0,
        byTier: { ...EMPTY_TIERS },
      };
      entry.byTier[r.tier] = r.n;
      entry.total += r.n;
      out.set(r.sub, entry);
    }
    return [...out.values()];
  }
}
