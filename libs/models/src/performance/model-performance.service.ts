import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { addDays, CalendarDate, Clock } from '@app/core';
import { InspectionOutcomeReader, ProfileReader } from '@app/registry';
import { ModelCatalog } from '@app/risk';
import { evaluate } from '@app/scoring';
import { addToOutcomeHistogram, discrimination, emptyOutcomeHistogram } from '@app/stats';
import { InspectionResultService, noOutcomes, problemRates } from '@app/supervision';
import { ModelPerformance, rocCurve } from './model-performance';
import { ModelPerformanceRepository } from './model-performance.repository';

/** Tier rank, safest first: the classification as applied orders by tier before score. */
const TIER_RANK = { A: 3, B: 2, C: 1, D: 0 } as const;

/**
 * The order the classification puts enterprises in: tier first (a veto caps
 * it whatever the score: a serious-list entry carries no points, only the
 * cap), then score within the tier. Higher is safer. Measuring the bare score
 * would credit a model for nothing its vetoes do.
 */
export function riskOrder(a: { tier: keyof typeof TIER_RANK; score: number }, maxScore: number) {
  return TIER_RANK[a.tier] * (maxScore + 1) + a.score;
}

/** Profiles scored per read: three set queries each, a few MB in memory. */
const PAGE = 5000;

export interface PerformanceQuery {
  region?: string;
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * Measures a model against inspection outcomes. The sample is every
 * enterprise inspected in the window [from, to] (an event: PROBLEM or
 * NOT_FOUND in any of its inspections); each is classified by the model as of the
 * day before the window, from the records dated up to then (the engine counts
 * only records that occurred by the as-of date), so the outcome never informs
 * its own score and two models are compared on the same sample and the same
 * information. Discrimination (AUC, KS, Gini, ROC) is of the classification's
 * order: tier, then score (riskOrder). Runs in the worker; the result is stored and the API reads it.
 */
@Injectable()
export class ModelPerformanceService {
  private readonly logger = new Logger(ModelPerformanceService.name);

  constructor(
    private readonly models: ModelCatalog,
    private readonly outcomes: InspectionOutcomeReader,
    private readonly profiles: ProfileReader,
    private readonly results: InspectionResultService,
    private readonly store: ModelPerformanceRepository,
    private readonly clock: Clock,
  ) {}

  async compute(
    version: string,
    q: PerformanceQuery,
    runId: number | null = null,
  ): Promise<ModelPerformance> {
    const started = Date.now();
    const model = this.models.get(version);
    const asOf = addDays(q.from, -1);
    const sample = await this.outcomes.outcomes(q);
    const event = new Map(sample.map((o) => [o.enterpriseId, o.event]));
    const ids = [...event.keys()].sort((a, b) => a - b);
    const histogram = emptyOutcomeHistogram();
    const tiers = noOutcomes();
    let enterprises = 0;
    let events = 0;
    for (let i = 0; i < ids.length; i += PAGE) {
      for (const p of await this.profiles.load({ ids: ids.slice(i, i + PAGE) })) {
        // Not yet established on the as-of date: there was no score to compare.
        if (p.establishedOn > asOf) continue;
        const a = evaluate(p, model, asOf);
        if (!a) continue;
        const e = event.get(p.id)!;
        addToOutcomeHistogram(histogram, riskOrder(a, model.clampMax), e);
        tiers[a.tier].inspected++;
        enterprises++;
        if (e) {
          tiers[a.tier].problems++;
          events++;
        }
      }
    }
    const performance: ModelPerformance = {
      modelVersion: model.version,
      region: q.region ?? null,
      window: { from: q.from, to: q.to },
      asOf,
      sample: { enterprises, events },
      discrimination: discrimination(histogram),
      roc: rocCurve(histogram),
      byTier: problemRates(tiers),
      drawTime: await this.results.drawTimeRates(q.region ?? '', q.from, q.to),
      computedAt: this.clock.now().toISOString(),
      runId,
    };
    await this.store.save(performance, runId);
    this.logger.log(
      {
        modelVersion: model.version,
        region: q.region ?? null,
        window: performance.window,
        sample: performance.sample,
        auc: performance.discrimination.auc,
        ms: Date.now() - started,
      },
      'model performance computed',
    );
    return performance;
  }

  /** 404 naming an unknown version. */
  assertKnown(version: string): void {
    this.models.get(version);
  }

  async read(version: string, q: { region?: string; from?: string; to?: string }) {
    this.assertKnown(version);
    const found = await this.store.find(version, q);
    if (!found)
      throw new NotFoundException(
        `no performance of ${version} computed for this region and window yet: ` +
          `POST /models/${version}/performance computes it`,
      );
    return found;
  }
}
