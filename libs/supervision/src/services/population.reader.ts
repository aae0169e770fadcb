import { Injectable } from '@nestjs/common';
import { QueryRunner } from 'typeorm';
import { CurrentTierReader } from '@app/risk';
import { PerTier, PopulationRow, isTier } from '../domain';

const DETAILS_BATCH = 5000;

export interface EnterpriseDetails {
  name: string;
  regionCode: string;
}

/**
 * The population of a draw: the region's enterprises that may trade, with
 * their current tier (risk's CurrentTierReader), in one REPEATABLE READ
 * transaction so the grouped counts and the stream see one snapshot and the
 * plan's ordinals mean the same rows.
 */
@Injectable()
export class PopulationReader {
  constructor(private readonly tiers: CurrentTierReader) {}

  /** One grouped query: the population per tier. */
  async countByTier(runner: QueryRunner, region: string): Promise<PerTier<number>> {
    const counts: PerTier<number> = { A: 0, B: 0, C: 0, D: 0 };
    for (const r of await this.tiers.countByTier(runner, region)) {
      if (!isTier(r.tier)) throw new Error(`current assessments hold unknown tier '${r.tier}'`);
      counts[r.tier] = r.n;
    }
    return counts;
  }

  /**
   * Every row of the population in enterprise-id order, streamed by the driver
   * with back-pressure: memory stays flat whatever the population. Only the
   * three columns the draw needs; names are looked up for the drawn few.
   */
  async stream(runner: QueryRunner, region: string): Promise<AsyncIterable<PopulationRow>> {
    return (await this.tiers.stream(runner, region)) as AsyncIterable<PopulationRow>;
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
