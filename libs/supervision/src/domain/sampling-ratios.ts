import { PerTier, TIERS, Tier, isTier } from './tier';

/**
 * Inspection sampling ratios. Ratios are fractions in [0, 1] with at most four
 * decimals, so they convert exactly to basis points (1/10000) and the
 * per-tier count is computed in integers: no float rounding can move a plan.
 */
export const RATIO_SCALE = 10_000;

export interface RatioRange {
  min: number;
  max: number;
}

export interface TierSampling extends RatioRange {
  default: number;
}

export type RatioOverrides = Partial<Record<Tier, number>>;

export type RatioViolationCode =
  'UNKNOWN_TIER' | 'RATIO_NOT_A_NUMBER' | 'RATIO_TOO_PRECISE' | 'RATIO_OUT_OF_RANGE';

/** One refused override; the API turns the list into a 422 `details`. */
export interface RatioViolation {
  code: RatioViolationCode;
  tier: string;
  value: unknown;
  min?: number;
  max?: number;
  message: string;
}

/** Basis points of a ratio, or null if it has more than four decimals. */
export function toBasisPoints(ratio: number): number | null {
  const scaled = ratio * RATIO_SCALE;
  const bp = Math.round(scaled);
  // 1e-6 tolerates the representation error of e.g. 0.07 * 10000, nothing more.
  return Math.abs(scaled - bp) < 1e-6 ? bp : null;
}

/** Which way a tier's count rounds when population × ratio is not a whole number. */
export type Rounding = 'down' | 'half-up' | 'up';

/**
 * The law's direction per tier. A's range protects the enterprise (无事不扰:
 * "≤ 5%"), so its count never exceeds the share: round down. C's and D's
 * ranges protect the public (raised frequency, strict supervision: "at least
 * 21% / 61%"), so their count never falls short: round up, and a stratum of
 * one is drawn. B is routine sampling with no side to favour: half up.
 */
export const TIER_ROUNDING: Readonly<PerTier<Rounding>> = {
  A: 'down',
  B: 'half-up',
  C: 'up',
  D: 'up',
};

function basisPoints(what: string, ratio: number): number {
  const bp = toBasisPoints(ratio);
  if (bp === null || bp < 0 || bp > RATIO_SCALE) {
    throw new RangeError(`${what} must be in [0, 1] with at most 4 decimals, got ${ratio}`);
  }
  return bp;
}

/** Keeps population × basis points far below 2^53 (and fits the draw's Int32Array). */
const MAX_POPULATION = 0x7fffffff;

/** floor(x / RATIO_SCALE) for a non-negative integer x, without floats. */
const floorScaled = (x: number) => (x - (x % RATIO_SCALE)) / RATIO_SCALE;
const ceilScaled = (x: number) => floorScaled(x + RATIO_SCALE - 1);

/**
 * How many of a tier's `population` a plan draws at `ratio` — the one place
 * this rule is written (docs: libs/supervision/README.md, "Counts").
 *
 * 1. Round population × ratio in the tier's direction (TIER_ROUNDING).
 * 2. Clamp the result into [ceil(population × min), floor(population × max)],
 *    the counts whose share lies inside the tier's allowed range — when that
 *    interval holds an integer. Rounding up can overshoot the maximum (3 C
 *    enterprises at 40%: 1.2 → 2 is 67% > 60%), so step 2 brings it back
 *    to 1 (33%), still above the minimum.
 *
 * When no integer count has a share inside the range (1 B enterprise, 5–20%),
 * step 2 cannot apply and step 1's direction decides: the guarantees are
 * A never above its max, C and D never below their min (a stratum of one is
 * drawn), and every count within 0..population.
 *
 * Exact integer arithmetic in basis points, so no float rounding can move a
 * plan; population < 2^31 and bp ≤ 10^4 keep every product below 2^53.
 */
export function stratumCount(
  tier: Tier,
  population: number,
  ratio: number,
  range: RatioRange,
): number {
  if (!Number.isInteger(population) || population < 0 || population > MAX_POPULATION) {
    throw new RangeError(
      `population must be an integer in [0, ${MAX_POPULATION}], got ${population}`,
    );
  }
  const bp = basisPoints('ratio', ratio);
  const minBp = basisPoints('min', range.min);
  const maxBp = basisPoints('max', range.max);
  if (bp < minBp || bp > maxBp) {
    throw new RangeError(
      `ratio ${ratio} for tier ${tier} is outside the allowed range ${range.min}–${range.max}`,
    );
  }
  const exact = population * bp;
  const rounding = TIER_ROUNDING[tier];
  let count =
    rounding === 'down'
      ? floorScaled(exact)
      : rounding === 'up'
        ? ceilScaled(exact)
        : floorScaled(exact + RATIO_SCALE / 2);
  const lowest = ceilScaled(population * minBp);
  const highest = floorScaled(population * maxBp);
  if (lowest <= highest) count = Math.min(Math.max(count, lowest), highest);
  return count;
}

/** Checks regulator-supplied ratios against the configured ranges; [] if all good. */
export function validateRatios(
  overrides: Record<string, unknown>,
  allowed: PerTier<RatioRange>,
): RatioViolation[] {
  const violations: RatioViolation[] = [];
  for (const [tier, value] of Object.entries(overrides)) {
    if (!isTier(tier)) {
      violations.push({
        code: 'UNKNOWN_TIER',
        tier,
        value,
        message: `unknown tier '${tier}': expected one of ${TIERS.join(', ')}`,
      });
      continue;
    }
    const { min, max } = allowed[tier];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      violations.push({
        code: 'RATIO_NOT_A_NUMBER',
        tier,
        value,
        min,
        max,
        message: `ratio for tier ${tier} must be a number between ${min} and ${max}`,
      });
    } else if (value < min || value > max) {
      violations.push({
        code: 'RATIO_OUT_OF_RANGE',
        tier,
        value,
        min,
        max,
        message: `ratio ${value} for tier ${tier} is outside the allowed range ${min}–${max}`,
      });
    } else if (toBasisPoints(value) === null) {
      violations.push({
        code: 'RATIO_TOO_PRECISE',
        tier,
        value,
        min,
        max,
        message: `ratio ${value} for tier ${tier} has more than 4 decimals`,
      });
    }
  }
  return violations;
}

/** Defaults with validated overrides applied. Call validateRatios first. */
export function resolveRatios(
  sampling: PerTier<TierSampling>,
  overrides: RatioOverrides = {},
): PerTier<number> {
  const violations = validateRatios(overrides, sampling);
  if (violations.length > 0) {
    throw new RangeError(violations.map((v) => v.message).join('; '));
  }
  return {
    A: overrides.A ?? sampling.A.default,
    B: overrides.B ?? sampling.B.default,
    C: overrides.C ?? sampling.C.default,
    D: overrides.D ?? sampling.D.default,
  };
}
