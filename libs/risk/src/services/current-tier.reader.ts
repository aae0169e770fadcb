import { Injectable } from '@nestjs/common';
import { QueryRunner } from 'typeorm';
import { regionLikePattern } from '@app/core';

/**
 * Current tiers of a region's enterprises that may trade (not REVOKED 吊销 or
 * CANCELLED 注销), for the sampling draw: REVOKED enterprises keep a current
 * tier (D, by the model's veto) for the measures it drives, so only this
 * filter keeps them out; CANCELLED ones have no current row, and the filter
 * keeps that true if a stale row survives. Reads run on the caller's
 * runner, so a draw's count and stream see one REPEATABLE READ snapshot.
 */
const FROM = `FROM current_assessments c JOIN enterprises e ON e.id = c.enterprise_id
  WHERE e.status NOT IN ('REVOKED', 'CANCELLED') AND e.region_code LIKE ?`;

/** The population in enterprise-id order (id, USCC, tier); also the draw benchmark's floor. */
export const POPULATION_STREAM_SQL = `SELECT c.enterprise_id AS id, e.uscc, c.tier ${FROM}
  ORDER BY c.enterprise_id`;

@Injectable()
export class CurrentTierReader {
  /** One grouped query: how many enterprises of the region are in each tier. */
  async countByTier(runner: QueryRunner, region: string): Promise<{ tier: string; n: number }[]> {
    const rows: { tier: string; n: number | string }[] = await runner.query(
      `SELECT c.tier, COUNT(*) AS n ${FROM} GROUP BY c.tier`,
      [regionLikePattern(region)],
    );
    return rows.map((r) => ({ tier: r.tier, n: Number(r.n) }));
  }

  /** Every row in enterprise-id order, streamed with back-pressure (memory stays flat). */
  async stream(
    runner: QueryRunner,
    region: string,
  ): Promise<AsyncIterable<{ id: number; uscc: string; tier: string }>> {
    const rows = await runner.stream(POPULATION_STREAM_SQL, [regionLikePattern(region)]);
    return rows as unknown as AsyncIterable<{ id: number; uscc: string; tier: string }>;
  }
}
