import fc from 'fast-check';
import { planDraw } from './draw-plan';
import { StoredDraw, verifyDraw } from './draw-proof';
import { PopulationEntry, PopulationSnapshotWriter } from './population-snapshot';
import { RatioRange } from './sampling-ratios';
import { selectDrawn } from './stream-selector';
import { PerTier, Tier, TIERS } from './tier';

const RANGES: PerTier<RatioRange> = {
  A: { min: 0, max: 0.05 },
  B: { min: 0.05, max: 0.2 },
  C: { min: 0.21, max: 0.6 },
  D: { min: 0.61, max: 1 },
};
const RATIOS: PerTier<number> = { A: 0.05, B: 0.1, C: 0.4, D: 0.8 };

const uscc = (i: number) => `9133010${String(i).padStart(10, '0')}X`;

async function* iterate<T>(items: readonly T[]) {
  yield* items;
}

interface Drawn {
  stored: StoredDraw;
  parts: string[];
  drawn: PopulationEntry[];
}

/** A draw as the service makes and stores it. */
function draw(tiers: readonly Tier[], seed: string, ratios = RATIOS): Drawn {
  const rows = tiers.map((tier, i) => ({ id: i * 2 + 5, uscc: uscc(i), tier }));
  const population = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of rows) population[r.tier]++;
  const plan = planDraw(population, ratios, RANGES, seed);
  const writer = new PopulationSnapshotWriter();
  for (const r of rows) writer.add(r);
  const snap = writer.finish();
  const counts = Object.fromEntries(TIERS.map((t) => [t, plan.tiers[t].count]));
  return {
    stored: {
      seed,
      ratios,
      ranges: RANGES,
      population,
      counts: counts as PerTier<number>,
      populationDigest: snap.digest,
    },
    parts: snap.parts,
    drawn: [...selectDrawn(plan, rows)].map(({ uscc, tier }) => ({ uscc, tier })),
  };
}

const verify = (d: Drawn, parts = d.parts, drawn = d.drawn, stored = d.stored) =>
  verifyDraw(stored, () => iterate(parts), iterate(drawn));

const TIERS_20: Tier[] = [...'AAAAAAAABBBBBBCCCDDD'] as Tier[];

describe('verifyDraw', () => {
  it('property: every stored draw re-runs to the same list from its stored population', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Tier>(...TIERS), { maxLength: 300 }),
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /^[a-z0-9-]+$/.test(s)),
        async (tiers, seed) => {
          const d = draw(tiers, seed);
          const v = await verify(d);
          expect(v.mismatches).toEqual([]);
          expect(v.match).toBe(true);
          expect(v.recomputedPopulationDigest).toBe(d.stored.populationDigest);
          expect(v.population).toEqual(d.stored.population);
          expect(v.counts).toEqual(d.stored.counts);
          expect(v.drawn).toBe(d.drawn.length);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('catches a population changed after the draw (digest kept)', async () => {
    const d = draw(TIERS_20, 'tamper');
    const parts = [d.parts[0].replace(`${uscc(0)},A`, `${uscc(0)},B`)];
    const v = await verify(d, parts);
    expect(v.match).toBe(false);
    expect(v.mismatches.map((m) => m.code)).toEqual(
      expect.arrayContaining(['POPULATION_DIGEST_DIFFERS', 'POPULATION_SIZES_DIFFER']),
    );
    expect(v.recomputedPopulationDigest).not.toBe(d.stored.populationDigest);
  });

  it('catches a population rewritten with its digest (an enterprise left out)', async () => {
    const d = draw(TIERS_20, 'dropped');
    const without = draw(TIERS_20.slice(1), 'dropped');
    const stored = { ...d.stored, populationDigest: without.stored.populationDigest };
    const v = await verify(d, without.parts, d.drawn, stored);
    expect(v.match).toBe(false);
    expect(v.mismatches.map((m) => m.code)).toContain('POPULATION_SIZES_DIFFER');
    expect(v.mismatches.map((m) => m.code)).not.toContain('POPULATION_DIGEST_DIFFERS');
  });

  it('catches a drawn list that is not what the seed draws', async () => {
    const d = draw(TIERS_20, 'swap');
    const drawnSet = new Set(d.drawn.map((x) => x.uscc));
    const other = TIERS_20.findIndex((t, i) => t === d.drawn[0].tier && !drawnSet.has(uscc(i)));
    expect(other).toBeGreaterThanOrEqual(0);
    const swapped = [{ ...d.drawn[0], uscc: uscc(other) }, ...d.drawn.slice(1)];
    const v = await verify(d, d.parts, swapped);
    expect(v.match).toBe(false);
    expect(v.mismatches).toEqual([expect.objectContaining({ code: 'DRAWN_LIST_DIFFERS' })]);
    expect(v.mismatches[0].message).toContain('position 1');
    // One enterprise missing from the end, or one too many, is caught too.
    expect((await verify(d, d.parts, d.drawn.slice(0, -1))).match).toBe(false);
    expect((await verify(d, d.parts, [...d.drawn, d.drawn[0]])).match).toBe(false);
  });

  it('catches stored counts the rule does not give', async () => {
    const d = draw(TIERS_20, 'counts');
    const v = await verify(d, d.parts, d.drawn, {
      ...d.stored,
      counts: { ...d.stored.counts, D: 2 },
    });
    expect(v.mismatches.map((m) => m.code)).toEqual(['COUNTS_DIFFER']);
  });

  it('another seed over the same population does not reproduce the list', async () => {
    const d = draw(TIERS_20, 'seed-one');
    const v = await verify(d, d.parts, d.drawn, { ...d.stored, seed: 'seed-two' });
    expect(v.match).toBe(false);
    expect(v.mismatches.map((m) => m.code)).toEqual(['DRAWN_LIST_DIFFERS']);
  });

  it('reports an unreadable population instead of throwing', async () => {
    const d = draw(TIERS_20, 'garbled');
    const v = await verify(d, ['not a population\n']);
    expect(v).toMatchObject({ match: false, mismatches: [{ code: 'POPULATION_UNREADABLE' }] });
  });
});
