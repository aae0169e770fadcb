import { isStrictlyIncreasing, wilsonInterval } from '@app/stats';
import { PerTier, TIERS } from './tier';

/** Inspected enterprises of a tier and how many of them had a problem (PROBLEM or NOT_FOUND). */
export interface TierOutcomes {
  inspected: number;
  problems: number;
}

export interface TierRate extends TierOutcomes {
  /** problems / inspected; null when none was inspected. */
  rate: number | null;
  /** The 95% Wilson interval of the rate. */
  low: number | null;
  high: number | null;
}

/**
 * 问题发现率 per tier with its Wilson interval, and whether the rates rise
 * from A to D as a sound classification's should (tiers without inspections
 * are left out of the comparison).
 */
export function problemRates(outcomes: PerTier<TierOutcomes>): {
  byTier: PerTier<TierRate>;
  ordered: boolean;
} {
  const byTier = {} as PerTier<TierRate>;
  for (const t of TIERS) {
    const { inspected, problems } = outcomes[t];
    byTier[t] = { inspected, problems, ...wilsonInterval(problems, inspected) };
  }
  return { byTier, ordered: isStrictlyIncreasing(TIERS.map((t) => byTier[t].rate)) };
}

export function noOutcomes(): PerTier<TierOutcomes> {
  return {
    A: { inspected: 0, problems: 0 },
    B: { inspected: 0, problems: 0 },
    C: { inspected: 0, problems: 0 },
    D: { inspected: 0, problems: 0 },
  };
}
