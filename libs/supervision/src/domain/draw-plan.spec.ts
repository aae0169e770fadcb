import fc from 'fast-check';
import { DRAW_ALGORITHM, floydSample, planDraw } from './draw-plan';
import { RatioRange, stratumCount } from './sampling-ratios';
import { createRandom } from './seeded-random';
import { PerTier, TIERS } from './tier';

const RATIOS: PerTier<number> = { A: 0.05, B: 0.1, C: 0.4, D: 0.8 };
const COUNTS: PerTier<number> = { A: 6500, B: 2500, C: 770, D: 150 };
const RANGES: PerTier<RatioRange> = {
  A: { min: 0, max: 0.05 },
  B: { min: 0.05, max: 0.2 },
  C: { min: 0.21, max: 0.6 },
  D: { min: 0.61, max: 1 },
};
/** No range: the rounding direction alone decides. */
const ANY: PerTier<RatioRange> = {
  A: { min: 0, max: 1 },
  B: { min: 0, max: 1 },
  C: { min: 0, max: 1 },
  D: { min: 0, max: 1 },
};

const arrays = (plan: ReturnType<typeof planDraw>) =>
  TIERS.map((t) => Array.from(plan.tiers[t].ordinals));

/** Any ratio with at most four decimals. */
const ratioArb = fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 10_000);

describe('planDraw', () => {
  it('never changes a published draw (golden plan)', () => {
    // If this fails the algorithm changed: bump DRAW_ALGORITHM and keep the old one for old plans.
    const plan = planDraw({ A: 20, B: 10, D: 3 }, RATIOS, RANGES, 'plan-2026-q1');
    expect(plan.algorithm).toBe(DRAW_ALGORITHM);
    // v2: D rounds up (3 × 80% = 2.4 → 3); A's and B's streams and counts are as in v1.
    expect(arrays(plan)).toEqual([[12], [2], [], [0, 1, 2]]);
  });

  it('draws the counts of the rule per tier', () => {
    const plan = planDraw(COUNTS, RATIOS, RANGES, 'counts');
    expect(TIERS.map((t) => plan.tiers[t].count)).toEqual([325, 250, 308, 120]);
    expect(plan.population).toBe(9920);
    expect(plan.drawn).toBe(325 + 250 + 308 + 120);
    for (const t of TIERS) expect(plan.tiers[t].ordinals).toHaveLength(plan.tiers[t].count);
  });

  it('gives the same positions for the same seed and different ones for another', () => {
    expect(arrays(planDraw(COUNTS, RATIOS, RANGES, 'seed-1'))).toEqual(
      arrays(planDraw(COUNTS, RATIOS, RANGES, 'seed-1')),
    );
    expect(arrays(planDraw(COUNTS, RATIOS, RANGES, 7))).toEqual(
      arrays(planDraw(COUNTS, RATIOS, RANGES, '7')),
    );
    const a = arrays(planDraw(COUNTS, RATIOS, RANGES, 'seed-1'));
    const b = arrays(planDraw(COUNTS, RATIOS, RANGES, 'seed-2'));
    for (let i = 0; i < TIERS.length; i++) expect(a[i]).not.toEqual(b[i]);
  });

  it('handles empty strata: nothing drawn, other tiers unaffected', () => {
    const plan = planDraw({ B: 40 }, RATIOS, RANGES, 'empty');
    expect(plan.tiers.A).toMatchObject({ population: 0, count: 0 });
    expect(plan.tiers.C.ordinals).toHaveLength(0);
    expect(plan.tiers.D.count).toBe(0);
    expect(plan.tiers.B.count).toBe(4);
    // Each tier has its own stream, so adding strata does not move B's draw.
    const withOthers = planDraw({ A: 100, B: 40, C: 9, D: 2 }, RATIOS, RANGES, 'empty');
    expect(Array.from(withOthers.tiers.B.ordinals)).toEqual(Array.from(plan.tiers.B.ordinals));
  });

  it('draws a whole stratum at ratio 1 and nothing at ratio 0', () => {
    const plan = planDraw({ A: 5, D: 4 }, { ...RATIOS, A: 0, D: 1 }, RANGES, 'edges');
    expect(plan.tiers.A.count).toBe(0);
    expect(Array.from(plan.tiers.D.ordinals)).toEqual([0, 1, 2, 3]);
  });

  it.each([[-1], [1.5], [2 ** 31]])('refuses a population of %d', (n) => {
    expect(() => planDraw({ C: n }, RATIOS, RANGES, 's')).toThrow(/tier C/);
  });

  it('property: counts follow the rounding rule; positions are sorted, distinct, in range', () => {
    fc.assert(
      fc.property(
        fc.record({ A: fc.nat(5000), B: fc.nat(5000), C: fc.nat(500), D: fc.nat(100) }),
        fc.record({ A: ratioArb, B: ratioArb, C: ratioArb, D: ratioArb }),
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((s) => /^\S(.*\S)?$/.test(s) && !/\p{Cc}/u.test(s)),
        (counts, ratios, seed) => {
          const plan = planDraw(counts, ratios, ANY, seed);
          for (const t of TIERS) {
            const { ordinals, count } = plan.tiers[t];
            expect(count).toBe(stratumCount(t, counts[t], ratios[t], ANY[t]));
            expect(ordinals).toHaveLength(count);
            // One plain loop, not an expect per element: thousands of positions per run.
            let ordered = true;
            for (let i = 0; i < ordinals.length; i++) {
              const floor = i === 0 ? 0 : ordinals[i - 1] + 1;
              if (ordinals[i] < floor || ordinals[i] >= counts[t]) ordered = false;
            }
            expect(ordered).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('floydSample', () => {
  it('draws every 2-subset of 5 about equally often', () => {
    const random = createRandom('floyd', 'test');
    const seen = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      const key = Array.from(floydSample(5, 2, random)).join(',');
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect(seen.size).toBe(10);
    for (const n of seen.values()) expect(Math.abs(n - 5000)).toBeLessThan(300);
  });

  it('refuses to draw more than the population', () => {
    expect(() => floydSample(3, 4, createRandom('x', 'y'))).toThrow(RangeError);
  });
});
