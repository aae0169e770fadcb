import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolQuery, regionLikePattern } from '@app/core';
import { enterpriseMatch } from '@app/registry';
import { AssessmentRow } from './assessment.view';

const ROW_COLUMNS =
  'tier, score, model_version, model_hash, as_of, next_review_on, factors, vetoes';
const CURRENT_COLUMNS = ROW_COLUMNS.split(', ')
  .map((c) => `c.${c}`)
  .concat('c.assessed_at')
  .join(', ');

export type HistoryRow = AssessmentRow & { run_id: string | null; trigger: string };

export interface TierListRow {
  uscc: string;
  name: string;
  region_code: string;
  tier: string;
  score: number | string;
  as_of: string;
  assessed_at: Date;
}

/**
 * The reads behind the risk API: an enterprise's current row (the hottest
 * read), its history, the row in force on a date, lists and counts of the
 * current tiers. The writes are AssessmentRepository's.
 */
@Injectable()
export class AssessmentQueryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One indexed query on the pool itself, no entity hydration; undefined for an unknown USCC. */
  async current(uscc: string) {
    const [row] = await poolQuery<AssessmentRow & { enterprise_region: string }>(
      this.db,
      `SELECT e.region_code AS enterprise_region, ${CURRENT_COLUMNS}
         FROM enterprises e LEFT JOIN current_assessments c ON c.enterprise_id = e.id
        WHERE e.uscc = ?`,
      [uscc],
    );
    return row;
  }

  async history(enterpriseId: string | number, page: number, pageSize: number) {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${ROW_COLUMNS}, created_at, run_id, \`trigger\` FROM assessments WHERE enterprise_id = ?
          ORDER BY as_of DESC, id DESC LIMIT ? OFFSET ?`,
        [enterpriseId, pageSize, (page - 1) * pageSize],
      ) as Promise<HistoryRow[]>,
      this.db.query('SELECT COUNT(*) AS total FROM assessments WHERE enterprise_id = ?', [
        enterpriseId,
      ]),
    ]);
    return { rows, total: Number(total) };
  }

  /** The latest assessment made as of `date` or before. */
  async inForceOn(enterpriseId: string | number, date: string): Promise<AssessmentRow | undefined> {
    const [row]: AssessmentRow[] = await this.db.query(
      `SELECT ${ROW_COLUMNS}, created_at FROM assessments WHERE enterprise_id = ? AND as_of <= ?
        ORDER BY as_of DESC, id DESC LIMIT 1`,
      [enterpriseId, date],
    );
    return row;
  }

  /** Current tiers in `region`, optionally of one tier and matching a name or USCC prefix. */
  async page(f: { region: string; tier?: string; q?: string }, page: number, pageSize: number) {
    const where = ['c.region_code LIKE ?'];
    const params: unknown[] = [regionLikePattern(f.region)];
    if (f.tier) {
      where.push('c.tier = ?');
      params.push(f.tier);
    }
    if (f.q) {
      const m = enterpriseMatch(f.q, 'e').positional;
      where.push(m.sql);
      params.push(...m.params);
    }
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT e.uscc, e.name, c.region_code, c.tier, c.score, c.as_of, c.assessed_at
           FROM current_assessments c JOIN enterprises e ON e.id = c.enterprise_id
          WHERE ${where.join(' AND ')} ORDER BY c.enterprise_id LIMIT ? OFFSET ?`,
        [...params, pageSize, (page - 1) * pageSize],
      ) as Promise<TierListRow[]>,
      this.db.query(
        `SELECT COUNT(*) AS total FROM current_assessments c
           ${f.q ? 'JOIN enterprises e ON e.id = c.enterprise_id' : ''} WHERE ${where.join(' AND ')}`,
        params,
      ),
    ]);
    return { rows, total: Number(total) };
  }

  /** Counts per tier in `region`, or per tier of each `digits`-long region prefix inside it. */
  async countByTier(region: string, digits?: number) {
    const rows: { sub: string; tier: 'A' | 'B' | 'C' | 'D'; n: string | number }[] =
      await this.db.query(
        `SELECT ${digits ? 'LEFT(region_code, ?)' : "''"} AS sub, tier, COUNT(*) AS n
           FROM current_assessments WHERE region_code LIKE ? GROUP BY sub, tier ORDER BY sub`,
        digits ? [digits, regionLikePattern(region)] : [regionLikePattern(region)],
      );
    return rows.map((r) => ({ sub: r.sub, tier: r.tier, n: Number(r.n) }));
  }
}
