import { ProfileReader } from '@app/registry';
import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { evaluate, Tier } from '@app/scoring';
import { AssessmentRepository } from './assessment.repository';
import { ModelCatalog } from '../models/model-catalog.service';

export interface RescoreResult {
  uscc: string;
  tier: Tier | null;
  changed: boolean;
}

/** Re-scores one enterprise now with the active model: load, evaluate, store if changed. */
@Injectable()
export class RescoreService {
  constructor(
    private readonly profiles: ProfileReader,
    private readonly models: ModelCatalog,
    private readonly store: AssessmentRepository,
    private readonly clock: Clock,
  ) {}

  async rescore(uscc: string, trigger: string): Promise<RescoreResult | null> {
    const [profile] = await this.profiles.load({ usccs: [uscc] });
    if (!profile) return null;
    const assessment = evaluate(profile, this.models.active, this.clock.today());
    if (!assessment) {
      await this.store.removeCurrent([profile.id]);
      return { uscc, tier: null, changed: true };
    }
    const [outcome] = await this.store.store([{ assessment, regionCode: profile.regionCode }], {
      trigger,
      now: this.clock.now(),
    });
    return { uscc, tier: outcome.tier, changed: outcome.changed };
  }
}
