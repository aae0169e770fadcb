import { ConflictException, Injectable } from '@nestjs/common';
import { Caller } from '@app/core';
import { DRAW_ALGORITHM, DrawVerification, PopulationEntry, verifyDraw } from '../domain';
import { InspectionPlanQueryService } from './inspection-plan-query.service';
import { InspectionPlanRepository, PlanHeader } from './inspection-plan.repository';

/** The answer of `POST /inspection-plans/:id/verify`. */
export interface PlanVerificationView extends DrawVerification {
  planId: number;
  algorithm: string;
  seed: string;
  seedSource: PlanHeader['seedSource'];
}

/**
 * Re-runs a stored plan's draw from what the plan itself kept — population,
 * seed, ratios and ranges — and compares it with the stored list. Reads only:
 * a failed check is an answer (`match: false` with the reasons), not an error.
 */
@Injectable()
export class InspectionPlanVerifier {
  constructor(
    private readonly query: InspectionPlanQueryService,
    private readonly plans: InspectionPlanRepository,
  ) {}

  async verify(caller: Caller, id: number): Promise<PlanVerificationView> {
    // The jurisdiction rule of GET /inspection-plans/:id: 404 outside it.
    const header = await this.query.header(caller, id);
    if (header.populationDigest === null || header.ratioRanges === null) {
      throw new ConflictException({
        message: `inspection plan ${id} was drawn before populations were kept: it cannot be re-run`,
        details: [{ code: 'PLAN_HAS_NO_POPULATION_SNAPSHOT', planId: id }],
      });
    }
    // Only the current algorithm can be replayed; older ones would need their own code kept.
    if (header.algorithm !== DRAW_ALGORITHM) {
      throw new ConflictException({
        message: `inspection plan ${id} was drawn by '${header.algorithm}', which this service cannot re-run`,
        details: [
          { code: 'PLAN_ALGORITHM_NOT_REPLAYABLE', planId: id, algorithm: header.algorithm },
        ],
      });
    }
    const result = await verifyDraw(
      {
        seed: header.seed,
        ratios: header.ratios,
        ranges: header.ratioRanges,
        population: header.population,
        counts: header.counts,
        populationDigest: header.populationDigest,
      },
      () => this.plans.populationParts(id),
      this.drawnList(id),
    );
    const { match, ...details } = result;
    return {
      planId: id,
      match,
      algorithm: header.algorithm,
      seed: header.seed,
      seedSource: header.seedSource,
      ...details,
    };
  }

  private async *drawnList(id: number): AsyncGenerator<PopulationEntry> {
    for await (const item of this.plans.items(id)) yield { uscc: item.uscc, tier: item.tier };
  }
}
