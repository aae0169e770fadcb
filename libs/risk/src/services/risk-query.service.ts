import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  assertCanSeeEnterprise,
  Caller,
  effectiveRegion,
  Page,
  poolQuery,
  regionFullName,
  regionLikePattern,
  regionName,
} from '@app/core';
import { EnterpriseService, enterpriseMatch } from '@app/registry';
import { AssessmentRow, assessmentView, AssessmentView } from './assessment.view';
import { ModelCatalog } from './model-catalog.service';

const ROW_COLUMNS =
  'tier, score, model_version, model_hash, as_of, next_review_on, factors, vetoes';
const CURRENT_COLUMNS = ROW_COLUMNS.split(', ')
  .map((c) => `c.${c}`)
  .concat('c.assessed_at')
  .join(', ');
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly enterprises: EnterpriseService,
    private readonly models: ModelCatalog,
  ) {}

  /**
   * The hottest read of the service: one indexed query (the enterprise by USCC
   * joined to its current row) on the pool itself, no entity hydration.
   */
  async current(caller: Caller, uscc: string): Promise<AssessmentView> {
    const rows = await poolQuery<AssessmentRow & { enterprise_region: string }>(
      this.db,
      `SELECT e.region_code AS enterprise_region, ${CURRENT_COLUMNS}
         FROM enterprises e LEFT JOIN current_assessments c ON c.enterprise_id = e.id
        WHERE e.uscc = ?`,
      [uscc],
    );
    const row = rows[0];
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
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${ROW_COLUMNS}, created_at, run_id, \`trigger\` FROM assessments WHERE enterprise_id = ?
          ORDER BY as_of DESC, id DESC LIMIT ? OFFSET ?`,
        [e.id, pageSize, (page - 1) * pageSize],
      ),
      this.db.query('SELECT COUNT(*) AS total FROM assessments WHERE enterprise_id = ?', [e.id]),
    ]);
    return {
      items: rows.map((r: AssessmentRow & { run_id: string | null; trigger: string }) => ({
        ...assessmentView(uscc, r, this.models.find(r.model_version)),
        runId: r.run_id === null ? null : Number(r.run_id),
        trigger: r.trigger,
      })),
      page,
      pageSize,
      total: Number(total),
    };
  }

  /** The assessment in force on a date: the latest one made as of that date or before. */
  async at(caller: Caller, uscc: string, date: string): Promise<AssessmentView> {
    const e = await this.enterprises.findVisible(caller, uscc);
    const rows: AssessmentRow[] = await this.db.query(
      `SELECT ${ROW_COLUMNS}, created_at FROM assessments WHERE enterprise_id = ? AND as_of <= ?
        ORDER BY as_of DESC, id DESC LIMIT 1`,
      [e.id, date],
    );
    if (rows.length === 0)
      throw new NotFoundException(`enterprise ${uscc} had no assessment on ${date}`);
    return assessmentView(uscc, rows[0], this.models.find(rows[0].model_version));
  }

  async list(
    caller: Caller,
    q: { tier?: string; region?: string; q?: string; page: number; pageSize: number },
  ): Promise<Page<TierListItem>> {
    const region = effectiveRegion(caller, q.region);
    if (region === null) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
    const where = ['c.region_code LIKE ?'];
    const params: unknown[] = [regionLikePattern(region)];
    if (q.tier) {
      where.push('c.tier = ?');
      params.push(q.tier);
    }
    if (q.q) {
      const m = enterpriseMatch(q.q, 'e').positional;
      where.push(m.sql);
      params.push(...m.params);
    }
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT e.uscc, e.name, c.region_code, c.tier, c.score, c.as_of, c.assessed_at
           FROM current_assessments c JOIN enterprises e ON e.id = c.enterprise_id
          WHERE ${where.join(' AND ')} ORDER BY c.enterprise_id LIMIT ? OFFSET ?`,
        [...params, q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.db.query(
        `SELECT COUNT(*) AS total FROM current_assessments c
           ${q.q ? 'JOIN enterprises e ON e.id = c.enterprise_id' : ''} WHERE ${where.join(' AND ')}`,
        params,
      ),
    ]);
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        uscc: r.uscc as string,
        name: r.name as string,
        regionCode: r.region_code as string,
        regionName: regionFullName(r.region_code as string),
        tier: r.tier as string,
        score: Number(r.score),
        asOf: r.as_of as string,
        assessedAt: new Date(r.assessed_at as Date).toISOString(),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total: Number(total),
    };
  }

  async summary(caller: Caller, regionFilter?: string, groupBy?: 'subregion') {
    const region = effectiveRegion(caller, regionFilter);
    const byTier = { ...EMPTY_TIERS };
    if (region !== null) {
      const rows: { tier: keyof typeof EMPTY_TIERS; n: string | number }[] = await this.db.query(
        'SELECT tier, COUNT(*) AS n FROM current_assessments WHERE region_code LIKE ? GROUP BY tier',
        [regionLikePattern(region)],
      );
      for (const r of rows) byTier[r.tier] = Number(r.n);
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
    const rows: { sub: string; tier: keyof typeof EMPTY_TIERS; n: string | number }[] =
      await this.db.query(
        `SELECT LEFT(region_code, ?) AS sub, tier, COUNT(*) AS n FROM current_assessments
          WHERE region_code LIKE ? GROUP BY sub, tier ORDER BY sub`,
        [digits, regionLikePattern(region)],
      );
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
      entry.byTier[r.tier] = Number(r.n);
      entry.total += Number(r.n);
      out.set(r.sub, entry);
    }
    return [...out.values()];
  }
}
