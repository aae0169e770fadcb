import type { Tier } from '@app/scoring';

/** What a chunk (and, summed, a run) found: new tiers and tier transitions. */
export interface RunStats {
  byTier: Record<Tier, number>;
  /** "A>B": n — only enterprises whose tier moved. */
  transitions: Record<string, number>;
}

export function emptyStats(): RunStats {
  return { byTier: { A: 0, B: 0, C: 0, D: 0 }, transitions: {} };
}

export function addOutcome(stats: RunStats, previous: Tier | null, tier: Tier): void {
  stats.byTier[tier]++;
  if (previous && previous !== tier) {
    const key = `${previous}>${tier}`;
    stats.transitions[key] = (stats.transitions[key] ?? 0) + 1;
  }
}

export function mergeStats(into: RunStats, other: RunStats): RunStats {
  for (const t of Object.keys(other.byTier) as Tier[]) into.byTier[t] += other.byTier[t];
  for (const [k, n] of Object.entries(other.transitions))
    into.transitions[k] = (into.transitions[k] ?? 0) + n;
  return into;
}
