/**
 * Risk tiers from low to high risk. Declared here rather than imported so the
 * supervision domain stays a leaf that only needs the tier letter.
 */
export type Tier = 'A' | 'B' | 'C' | 'D';

/** Fixed order: plans, streams and reports iterate tiers in this order. */
export const TIERS: readonly Tier[] = ['A', 'B', 'C', 'D'];

export function isTier(value: unknown): value is Tier {
  return value === 'A' || value === 'B' || value === 'C' || value === 'D';
}

/** A value per tier, e.g. population counts or ratios. */
export type PerTier<T> = Record<Tier, T>;
