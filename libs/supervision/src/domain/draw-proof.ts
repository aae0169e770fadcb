import { createHash } from 'node:crypto';
import { planDraw } from './draw-plan';
import { parsePopulationPart, PopulationEntry } from './population-snapshot';
import { RatioRange } from './sampling-ratios';
import { PopulationMismatchError, StreamSelector } from './stream-selector';
import { PerTier, TIERS } from './tier';

/**
 * Re-running a stored draw (一公开: a draw anyone can check). Everything the
 * draw depended on is in the plan: the population as canonical text, the
 * seed, the ratios and the ranges in force. The check is that the text still
 * hashes to the digest stored when the plan was drawn, that the counts follow
 * the rule over it, and that the draw over it picks the stored list.
 */
export interface StoredDraw {
  seed: string;
  ratios: PerTier<number>;
  ranges: PerTier<RatioRange>;
  population: PerTier<number>;
  counts: PerTier<number>;
  populationDigest: string;
}

export type DrawMismatchCode =
  | 'POPULATION_UNREADABLE'
  | 'POPULATION_DIGEST_DIFFERS'
  | 'POPULATION_SIZES_DIFFER'
  | 'COUNTS_DIFFER'
  | 'DRAWN_LIST_DIFFERS';

export interface DrawMismatch {
  code: DrawMismatchCode;
  message: string;
}

export interface DrawVerification {
  match: boolean;
  /** The digest stored with the plan. */
  populationDigest: string;
  /** SHA-256 of the stored population text, computed now. */
  recomputedPopulationDigest: string;
  /** Per tier, from the stored population text. */
  population: PerTier<number>;
  /** Per tier, by the counts rule over that population. */
  counts: PerTier<number>;
  /** How many the re-run drew. */
  drawn: number;
  /** Empty when `match`. */
  mismatches: DrawMismatch[];
}

const zero = (): PerTier<number> => ({ A: 0, B: 0, C: 0, D: 0 });
const sameTiers = (a: PerTier<number>, b: PerTier<number>) => TIERS.every((t) => a[t] === b[t]);
const show = (p: PerTier<number>) => TIERS.map((t) => `${t} ${p[t]}`).join(', ');

/** First pass: digest and tier sizes of the text, which must be canonical. */
async function readPopulation(parts: AsyncIterable<string>) {
  const hash = createHash('sha256');
  const population = zero();
  let lines = 0;
  for await (const part of parts) {
    hash.update(part, 'latin1');
    for (const row of parsePopulationPart(part, lines)) {
      population[row.tier]++;
      lines++;
    }
  }
  return { digest: hash.digest('hex'), population };
}

/** Second pass: the draw over the text, in its order. */
async function redraw(
  parts: AsyncIterable<string>,
  stored: StoredDraw,
  population: PerTier<number>,
) {
  const plan = planDraw(population, stored.ratios, stored.ranges, stored.seed);
  const selector = new StreamSelector(plan);
  const drawn: PopulationEntry[] = [];
  let lines = 0;
  for await (const part of parts) {
    for (const row of parsePopulationPart(part, lines)) {
      lines++;
      const hit = selector.select(row);
      if (hit) drawn.push({ uscc: hit.uscc, tier: hit.tier });
    }
  }
  selector.finish();
  const counts = Object.fromEntries(TIERS.map((t) => [t, plan.tiers[t].count]));
  return { counts: counts as PerTier<number>, drawn };
}

/** First position where two lists differ, or -1. */
async function firstDifference(
  expected: readonly PopulationEntry[],
  actual: AsyncIterable<PopulationEntry>,
): Promise<number> {
  let i = 0;
  for await (const item of actual) {
    const e = expected[i];
    if (!e || e.uscc !== item.uscc || e.tier !== item.tier) return i;
    i++;
  }
  return i === expected.length ? -1 : i;
}

/**
 * Verifies a stored draw. `population` opens the stored text anew on each
 * call (it is read twice: once to hash and count, once to draw, so memory
 * stays at one part); `drawnList` is the stored list in position order.
 */
export async function verifyDraw(
  stored: StoredDraw,
  population: () => AsyncIterable<string>,
  drawnList: AsyncIterable<PopulationEntry>,
): Promise<DrawVerification> {
  const result: DrawVerification = {
    match: false,
    populationDigest: stored.populationDigest,
    recomputedPopulationDigest: '',
    population: zero(),
    counts: zero(),
    drawn: 0,
    mismatches: [],
  };
  const mismatch = (code: DrawMismatchCode, message: string) =>
    result.mismatches.push({ code, message });

  try {
    const read = await readPopulation(population());
    result.recomputedPopulationDigest = read.digest;
    result.population = read.population;
  } catch (err) {
    if (!(err instanceof PopulationMismatchError)) throw err;
    mismatch('POPULATION_UNREADABLE', `the stored population is not canonical: ${err.message}`);
    return result;
  }
  if (result.recomputedPopulationDigest !== stored.populationDigest) {
    mismatch(
      'POPULATION_DIGEST_DIFFERS',
      `the stored population hashes to ${result.recomputedPopulationDigest}, not to the digest stored with the plan`,
    );
  }
  if (!sameTiers(result.population, stored.population)) {
    mismatch(
      'POPULATION_SIZES_DIFFER',
      `the stored population has ${show(result.population)}; the plan says ${show(stored.population)}`,
    );
  }

  let replay;
  try {
    replay = await redraw(population(), stored, result.population);
  } catch (err) {
    // Stored ratios outside the stored ranges: the plan contradicts itself.
    if (!(err instanceof RangeError)) throw err;
    mismatch('COUNTS_DIFFER', `the plan's ratios cannot be replayed: ${err.message}`);
    return result;
  }
  const { counts, drawn } = replay;
  result.counts = counts;
  result.drawn = drawn.length;
  if (!sameTiers(counts, stored.counts)) {
    mismatch(
      'COUNTS_DIFFER',
      `the rule draws ${show(counts)} from the stored population; the plan drew ${show(stored.counts)}`,
    );
  }
  const at = await firstDifference(drawn, drawnList);
  if (at >= 0) {
    mismatch('DRAWN_LIST_DIFFERS', `the re-run and the stored list differ at position ${at + 1}`);
  }
  result.match = result.mismatches.length === 0;
  return result;
}
