import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { BusinessRuleException, Caller, Clock, effectiveRegion } from '@app/core';
import {
  assignInspectors,
  canonicalSeed,
  DrawPlan,
  generateSeed,
  InspectorShortageError,
  PerTier,
  planDraw,
  PopulationRow,
  PopulationSnapshotWriter,
  RatioOverrides,
  resolveRatios,
  selectDrawnAsync,
  TIERS,
  validateRatios,
} from '../domain';
import { CreateInspectionPlanDto } from '../dto/create-inspection-plan.dto';
import { InspectionPlanRepository, PlanItem, SeedSource } from './inspection-plan.repository';
import { inspectionPlanView, InspectionPlanView } from './inspection-plan.view';
import { InspectorPool, InspectorPoolReader } from './inspector-pool.reader';
import { MeasuresCatalog } from './measures-catalog.service';
import { PopulationReader } from './population.reader';

/** A 422 listing every short enterprise is useless past this many. */
const MAX_SHORTAGE_DETAILS = 100;

const perTier = <T>(f: (t: (typeof TIERS)[number]) => T) =>
  Object.fromEntries(TIERS.map((t) => [t, f(t)])) as PerTier<T>;

/** Passes each row on, writing it into the population snapshot on the way. */
async function* recorded<R extends PopulationRow>(
  rows: AsyncIterable<R>,
  snapshot: PopulationSnapshotWriter,
): AsyncGenerator<R> {
  for await (const row of rows) {
    snapshot.add(row);
    yield row;
  }
}

/**
 * Creates a 双随机 inspection plan: counts the population per tier, plans the
 * draw from those counts and the seed, streams the population once to pick the
 * drawn enterprises (keeping the population's canonical text and digest, so
 * the draw can be re-run and checked), assigns two inspectors each, and
 * stores the plan — all in one REPEATABLE READ transaction, so counts, stream
 * and stored plan describe one snapshot of the registry.
 */
@Injectable()
export class InspectionPlanDrawer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: MeasuresCatalog,
    private readonly population: PopulationReader,
    private readonly pools: InspectorPoolReader,
    private readonly plans: InspectionPlanRepository,
    private readonly clock: Clock,
  ) {}

  async draw(caller: Caller, dto: CreateInspectionPlanDto): Promise<InspectionPlanView> {
    const ratios = this.ratios(dto.ratios ?? {});
    const region = effectiveRegion(caller, dto.region);
    if (region === null) {
      throw new BusinessRuleException(`region ${dto.region} is outside your jurisdiction`, [
        { code: 'REGION_OUTSIDE_JURISDICTION', field: 'region', region: dto.region },
      ]);
    }
    // Recorded so a list of plans shows who could have picked a seed for its outcome.
    const chosen = dto.seed ?? null;
    const seedSource: SeedSource = chosen === null ? 'server' : 'caller';
    const seed = canonicalSeed(chosen ?? generateSeed());
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      try {
        const view = await this.drawIn(runner, caller, dto.name, region, ratios, {
          seed,
          seedSource,
        });
        await runner.commitTransaction();
        return view;
      } catch (err) {
        await runner.rollbackTransaction();
        throw err;
      }
    } finally {
      await runner.release();
    }
  }

  private ratios(overrides: Record<string, unknown>): PerTier<number> {
    const sampling = this.catalog.config.inspection.ratios;
    const violations = validateRatios(overrides, sampling);
    if (violations.length > 0) {
      throw new BusinessRuleException(
        violations.map((v) => v.message).join('; '),
        violations.map((v) => ({ ...v })),
      );
    }
    return resolveRatios(sampling, overrides as RatioOverrides);
  }

  private async drawIn(
    runner: QueryRunner,
    caller: Caller,
    name: string,
    region: string,
    ratios: PerTier<number>,
    { seed, seedSource }: { seed: string; seedSource: SeedSource },
  ): Promise<InspectionPlanView> {
    const counts = await this.population.countByTier(runner, region);
    const ranges = this.catalog.config.inspection.ratios;
    const ratioRanges = perTier((t) => ({ min: ranges[t].min, max: ranges[t].max }));
    const plan = planDraw(counts, ratios, ratioRanges, seed);
    const pool = await this.pools.forRegion(runner.manager, region);
    if (plan.drawn > 0 && pool.inspectors.length < 2) {
      throw new BusinessRuleException(
        `the inspector pool for region ${region || '(all)'} has ${pool.inspectors.length} active inspector(s); two per enterprise are needed`,
        [{ code: 'INSPECTOR_POOL_TOO_SMALL', region, poolSize: pool.inspectors.length }],
      );
    }
    const drawn: PopulationRow[] = [];
    const snapshot = new PopulationSnapshotWriter();
    const rows = recorded(await this.population.stream(runner, region), snapshot);
    for await (const row of selectDrawnAsync(plan, rows)) drawn.push(row);
    const population = snapshot.finish();

    const items = await this.items(runner, plan, pool, drawn);
    const header = {
      name,
      region,
      seed: plan.seed,
      seedSource,
      algorithm: plan.algorithm,
      ratios,
      ratioRanges,
      population: perTier((t) => plan.tiers[t].population),
      counts: perTier((t) => plan.tiers[t].count),
      totals: { population: plan.population, drawn: plan.drawn },
      createdBy: caller.sub,
      createdAt: this.clock.now(),
    };
    const id = await this.plans.insert(runner.manager, header, items, population);
    return inspectionPlanView(
      {
        ...header,
        id,
        populationDigest: population.digest,
        createdAt: header.createdAt.toISOString(),
        closedAt: null,
      },
      items,
    );
  }

  private async items(
    runner: QueryRunner,
    plan: DrawPlan,
    pool: InspectorPool,
    drawn: PopulationRow[],
  ): Promise<PlanItem[]> {
    let assignments;
    try {
      assignments = assignInspectors(plan.seed, pool.inspectors, pool.conflicts, drawn);
    } catch (err) {
      if (!(err instanceof InspectorShortageError)) throw err;
      throw new BusinessRuleException(
        err.message,
        err.shortages.slice(0, MAX_SHORTAGE_DETAILS).map((s) => ({
          code: 'INSPECTOR_SHORTAGE',
          uscc: s.uscc,
          eligible: s.eligible,
          message: `only ${s.eligible} inspector(s) without a declared conflict for ${s.uscc}`,
        })),
      );
    }
    const details = await this.population.details(
      runner,
      drawn.map((d) => d.id),
    );
    return assignments.map(({ enterprise, inspectors }, i) => {
      const d = details.get(enterprise.id);
      if (!d) throw new Error(`drawn enterprise ${enterprise.id} vanished from the snapshot`);
      return {
        position: i + 1,
        enterpriseId: enterprise.id,
        uscc: enterprise.uscc,
        name: d.name,
        regionCode: d.regionCode,
        tier: enterprise.tier,
        inspectors,
      };
    });
  }
}
