import fc from 'fast-check';
import { planDraw } from './draw-plan';
import { RatioRange } from './sampling-ratios';
import {
  PopulationMismatchError,
  PopulationRow,
  StreamSelector,
  selectDrawn,
  selectDrawnAsync,
} from './stream-selector';
import { PerTier, TIERS, Tier } from './tier';

const RATIOS: PerTier<number> = { A: 0.05, B: 0.1, C: 0.4, D: 0.8 };
const FREE = { min: 0, max: 1 };
/** No range: selection is checked here, counts in sampling-ratios.spec. */
const ANY: PerTier<RatioRange> = { A: FREE, B: FREE, C: FREE, D: FREE };

function countTiers(rows: readonly PopulationRow[]): PerTier<number> {
  const counts = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of rows) counts[r.tier]++;
  return counts;
}

/** Rows with increasing ids (random gaps) and the given tiers. */
const populationArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom<Tier>(...TIERS)), {
    maxLength: 400,
  })
  .map((specs) => {
    let id = 0;
    return specs.map(([gap, tier]) => {
      id += gap;
      return { id, uscc: `U${id}`, tier };
    });
  });

const ratioArb = fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 10_000);
const ratiosArb = fc.record({ A: ratioArb, B: ratioArb, C: ratioArb, D: ratioArb });

function population(size: number): PopulationRow[] {
  return Array.from({ length: size }, (_, i) => ({
    id: i * 3 + 1,
    uscc: `U${i}`,
    tier: TIERS[i % 7 === 0 ? 3 : i % 5 === 0 ? 2 : i % 3 === 0 ? 1 : 0],
  }));
}

describe('StreamSelector', () => {
  it('property: draws exactly the planned positions, each once, of the right tier, from the population', () => {
    fc.assert(
      fc.property(populationArb, ratiosArb, fc.nat(), (rows, ratios, seed) => {
        const plan = planDraw(countTiers(rows), ratios, ANY, seed);
        const drawn = [...selectDrawn(plan, rows)];
        const ids = new Set(rows.map((r) => r.id));
        expect(drawn.every((r) => ids.has(r.id))).toBe(true);
        expect(new Set(drawn.map((r) => r.id)).size).toBe(drawn.length);
        expect(drawn).toHaveLength(plan.drawn);
        for (const t of TIERS) {
          // Brute force: the tier's rows in id order, picked at the plan's positions.
          const ofTier = rows.filter((r) => r.tier === t);
          const expected = Array.from(plan.tiers[t].ordinals, (o) => ofTier[o]);
          expect(drawn.filter((r) => r.tier === t)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('same seed and population draw the same list; another seed a different one', () => {
    const rows = population(2000);
    const draw = (seed: string) =>
      [...selectDrawn(planDraw(countTiers(rows), RATIOS, ANY, seed), rows)].map((r) => r.uscc);
    expect(draw('2026-Q1')).toEqual(draw('2026-Q1'));
    expect(draw('2026-Q1')).not.toEqual(draw('2026-Q2'));
  });

  it('refuses rows out of id order', () => {
    const selector = new StreamSelector(planDraw({ A: 2 }, RATIOS, ANY, 's'));
    selector.select({ id: 5, uscc: 'X', tier: 'A' });
    expect(() => selector.select({ id: 5, uscc: 'Y', tier: 'A' })).toThrow(PopulationMismatchError);
  });

  it('refuses a population other than the planned one', () => {
    const plan = planDraw({ A: 1, B: 1 }, RATIOS, ANY, 's');
    const more = new StreamSelector(plan);
    more.select({ id: 1, uscc: 'X', tier: 'A' });
    expect(() => more.select({ id: 2, uscc: 'Y', tier: 'A' })).toThrow(
      /tier A has more than the 1/,
    );
    const fewer = new StreamSelector(plan);
    fewer.select({ id: 1, uscc: 'X', tier: 'A' });
    expect(() => fewer.finish()).toThrow(/tier B streamed 0 enterprises, the plan counted 1/);
    const unknown = new StreamSelector(plan);
    expect(() => unknown.select({ id: 1, uscc: 'X', tier: 'E' as Tier })).toThrow(/unknown tier/);
  });

  it('selects from an async stream', async () => {
    const rows = population(500);
    const plan = planDraw(countTiers(rows), RATIOS, ANY, 'async');
    async function* stream() {
      yield* rows;
    }
    const drawn: PopulationRow[] = [];
    for await (const row of selectDrawnAsync(plan, stream())) drawn.push(row);
    expect(drawn).toEqual([...selectDrawn(plan, rows)]);
  });

  it('plans and selects over 1,000,000 streamed rows quickly, in flat memory', () => {
    const N = 1_000_000;
    // Dandong-like shares (A 65%, B 25%, C 8%, D 2%) from a cheap hash of the id.
    const tierOf = (id: number): Tier => {
      const h = Math.imul(id, 0x9e3779b1) >>> 0;
      const p = h % 1000;
      return p < 650 ? 'A' : p < 900 ? 'B' : p < 980 ? 'C' : 'D';
    };
    const counts = { A: 0, B: 0, C: 0, D: 0 };
    for (let id = 1; id <= N; id++) counts[tierOf(id)]++;

    const started = performance.now();
    const plan = planDraw(counts, RATIOS, ANY, 'million');
    const selector = new StreamSelector(plan);
    let drawn = 0;
    for (let id = 1; id <= N; id++) {
      if (selector.select({ id, uscc: '', tier: tierOf(id) })) drawn++;
    }
    selector.finish();
    const elapsed = performance.now() - started;

    expect(drawn).toBe(plan.drawn);
    // Generous bound for a shared, noisy machine; typically ~100 ms.
    expect(elapsed).toBeLessThan(2000);
  });
});
