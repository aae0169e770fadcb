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

/**
 * How many of `population` a ratio draws: round half up of population × ratio,
 * in exact integer arithmetic. 0 for an empty stratum or a zero ratio; the
 * whole stratum for ratio 1.
 */
export function stratumCount(population: number, ratio: number): number {
  const bp = toBasisPoints(ratio);
  if (bp === null || bp < 0 || bp > RATIO_SCALE) {
    throw new RangeError(`ratio must be in [0, 1] with at most 4 decimals, got ${ratio}`);
  }
  // population ≤ 2^31 and bp ≤ 10^4 keep the product far below 2^53.
  const shifted = population * bp + RATIO_SCALE / 2;
  return (shifted - (shifted % RATIO_SCALE)) / RATIO_SCALE;
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
