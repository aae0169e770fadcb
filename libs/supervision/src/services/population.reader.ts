import { Injectable } from '@nestjs/common';
import { QueryRunner } from 'typeorm';
import { regionLikePattern } from '@app/core';
import { PerTier, PopulationRow, isTier } from '../domain';

/**
 * The population of a draw: enterprises with a current tier whose region code
 * starts with `region`, except REVOKED (吊销) and CANCELLED (注销) ones: they
 * may no longer trade, so there is nothing to inspect. REVOKED enterprises
 * keep a current tier (D, by the model's veto) for the measures it drives,
 * so only this filter keeps them out; CANCELLED ones have no current row, and
 * the filter keeps that true if a stale row survives. Both reads must run in
 * the same REPEATABLE READ transaction, so the grouped counts and the stream
 * see one snapshot and the plan's ordinals mean the same rows.
 */
const FROM = `FROM current_assessments c JOIN enterprises e ON e.id = c.enterprise_id
  WHERE e.status NOT IN ('REVOKED', 'CANCELLED') AND e.region_code LIKE ?`;

/** The population in enterprise-id order; also the benchmark's floor (same rows, no drawing). */
export const POPULATION_STREAM_SQL = `SELECT c.enterprise_id AS id, e.uscc, c.tier ${FROM}
  ORDER BY c.enterprise_id`;

const DETAILS_BATCH = 5000;

export interface EnterpriseDetails {
  name: string;
  regionCode: string;
}

@Injectable()
export class PopulationReader {
  /** One grouped query: the population per tier. */
  async countByTier(runner: QueryRunner, region: string): Promise<PerTier<number>> {
    const rows: { tier: string; n: number | string }[] = await runner.query(
      `SELECT c.tier, COUNT(*) AS n ${FROM} GROUP BY c.tier`,
      [regionLikePattern(region)],
    );
    const counts: PerTier<number> = { A: 0, B: 0, C: 0, D: 0 };
    for (const r of rows) {
      if (!isTier(r.tier)) throw new Error(`current_assessments holds unknown tier '${r.tier}'`);
      counts[r.tier] = Number(r.n);
    }
    return counts;
  }

  /**
   * Every row of the population in enterprise-id order, streamed by the driver
   * with back-pressure: memory stays flat whatever the population. Only the
   * three columns the draw needs; names are looked up for the drawn few.
   */
  async stream(runner: QueryRunner, region: string): Promise<AsyncIterable<PopulationRow>> {
    const rows = await runner.stream(POPULATION_STREAM_SQL, [regionLikePattern(region)]);
    return rows as unknown as AsyncIterable<PopulationRow>;
  }

  /** Name and region of drawn enterprises, read in the same snapshot, in batches. */
  async details(runner: QueryRunner, ids: number[]): Promise<Map<number, EnterpriseDetails>> {
    const out = new Map<number, EnterpriseDetails>();
    for (let i = 0; i < ids.length; i += DETAILS_BATCH) {
      const rows: { id: number | string; name: string; region_code: string }[] = await runner.query(
        'SELECT id, name, region_code FROM enterprises WHERE id IN (?)',
        [ids.slice(i, i + DETAILS_BATCH)],
      );
      for (const r of rows) out.set(Number(r.id), { name: r.name, regionCode: r.region_code });
    }
    return out;
  }
}
