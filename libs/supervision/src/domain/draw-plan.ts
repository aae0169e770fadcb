import { RatioRange, stratumCount } from './sampling-ratios';
import { Seed, SeededRandom, canonicalSeed, createRandom } from './seeded-random';
import { PerTier, TIERS, Tier } from './tier';

/**
 * Step 1 of the 双随机 draw: from the population size of each tier alone,
 * decide how many enterprises and WHICH ordinal positions are drawn. Ordinals
 * are 0-based positions within the tier's population ordered by enterprise id,
 * so the plan needs no enterprise rows and costs O(drawn) memory.
 */

/** Bump when anything that changes a draw changes; stored with every plan. */
export const DRAW_ALGORITHM =
  'crs-stratified-v2: sha256-sfc32, floyd, A down B half-up C/D up, clamped to range';

/** Positions are held in Int32Array, which bounds a stratum. */
export const MAX_STRATUM_SIZE = 0x7fffffff;

export interface StratumPlan {
  population: number;
  ratio: number;
  /** stratumCount: population × ratio rounded the tier's way, kept in its range. */
  count: number;
  /** Drawn positions, strictly increasing, length `count`. */
  ordinals: Int32Array;
}

export interface DrawPlan {
  algorithm: string;
  seed: string;
  tiers: PerTier<StratumPlan>;
  population: number;
  drawn: number;
}

/** The stream a tier draws from; one per tier keeps tiers independent. */
export function tierStream(tier: Tier): string {
  return `draw/${tier}`;
}

/**
 * Floyd's algorithm (Bentley & Floyd, CACM 1987): a uniformly random k-subset
 * of [0, n) with exactly k integer draws and a set of size k. Exact integer
 * arithmetic only, unlike Vitter's method D which needs exp/log.
 */
export function floydSample(n: number, k: number, random: SeededRandom): Int32Array {
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`cannot draw ${k} of ${n}`);
  const out = new Int32Array(k);
  // Drawing everything needs no randomness and no set.
  if (k === n) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = random.nextInt(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  let i = 0;
  for (const position of chosen) out[i++] = position;
  return out.sort();
}

function checkPopulation(tier: Tier, population: number): void {
  if (!Number.isInteger(population) || population < 0 || population > MAX_STRATUM_SIZE) {
    throw new RangeError(
      `population of tier ${tier} must be an integer in [0, ${MAX_STRATUM_SIZE}], got ${population}`,
    );
  }
}

/**
 * Plans a stratified draw. Tiers missing from `countsByTier` are empty strata:
 * they draw nothing and consume no randomness. `ranges` are the allowed
 * ratio ranges in force, which bound each tier's count (stratumCount).
 */
export function planDraw(
  countsByTier: Partial<PerTier<number>>,
  ratios: PerTier<number>,
  ranges: PerTier<RatioRange>,
  seed: Seed,
): DrawPlan {
  const canonical = canonicalSeed(seed);
  const tiers = {} as PerTier<StratumPlan>;
  let population = 0;
  let drawn = 0;
  for (const tier of TIERS) {
    const size = countsByTier[tier] ?? 0;
    checkPopulation(tier, size);
    const count = stratumCount(tier, size, ratios[tier], ranges[tier]);
    const ordinals =
      count === 0
        ? new Int32Array(0)
        : floydSample(size, count, createRandom(canonical, tierStream(tier)));
    tiers[tier] = { population: size, ratio: ratios[tier], count, ordinals };
    population += size;
    drawn += count;
  }
  return { algorithm: DRAW_ALGORITHM, seed: canonical, tiers, population, drawn };
}
