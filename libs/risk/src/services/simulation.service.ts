import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Caller, Clock } from '@app/core';
import { EnterpriseService, ProfileReader } from '@app/registry';
import { Assessment, evaluate } from '@app/scoring';
import { SimulateDto } from '../dto/simulate.dto';
import { ModelCatalog } from '../models/model-catalog.service';

/** What-if: an assessment computed, never stored — another model, another date, or without some records. */
@Injectable()
export class SimulationService {
  constructor(
    private readonly enterprises: EnterpriseService,
    private readonly profiles: ProfileReader,
    private readonly models: ModelCatalog,
    private readonly clock: Clock,
  ) {}

  async simulate(caller: Caller, dto: SimulateDto) {
    const e = await this.enterprises.findVisible(caller, dto.uscc);
    const model = this.models.get(dto.modelVersion);
    const asOf = dto.asOf ?? this.clock.today();
    const [profile] = await this.profiles.load({ ids: [Number(e.id)] });
    const without = new Set(dto.without ?? []);
    const own = new Set(profile.records.map((r) => r.id));
    const foreign = [...without].filter((id) => !own.has(id));
    if (foreign.length) {
      throw new UnprocessableEntityException({
        message: `records ${foreign.join(', ')} are not in-force records of ${dto.uscc}`,
        details: foreign.map((id) => ({
          code: 'RECORD_NOT_FOUND',
          field: 'without',
          recordId: id,
        })),
      });
    }
    const baseline = evaluate(profile, model, asOf);
    const simulated = evaluate(
      { ...profile, records: profile.records.filter((r) => !without.has(r.id)) },
      model,
      asOf,
    );
    if (!baseline || !simulated) {
      throw new UnprocessableEntityException({
        message: `enterprise ${dto.uscc} is ${profile.status} and is not classified`,
        details: [{ code: 'NOT_CLASSIFIED' }],
      });
    }
    return {
      ...view(simulated),
      simulated: true,
      without: [...without],
      baseline: { tier: baseline.tier, score: baseline.score },
    };
  }
}

function view(a: Assessment) {
  return {
    uscc: a.uscc,
    tier: a.tier,
    score: a.score,
    modelVersion: a.modelVersion,
    modelHash: a.modelHash,
    asOf: a.asOf,
    assessedAt: null,
    nextReviewOn: a.nextReviewOn,
    factors: a.factors,
    vetoes: a.vetoes,
  };
}
