import type { Tier } from '@app/scoring';
import { emptyDistribution, mergeDistribution, ScoreDistribution } from './score-distribution';

/** What a set of outcomes found: new tiers, tier transitions, first classifications, changes. */
export interface Counts {
  byTier: Record<Tier, number>;
  /** "A>B": n — only enterprises whose tier moved. */
  transitions: Record<string, number>;
  /** Enterprises classified for the first time (no tier before): not transitions. */
  firstClassified: number;
  /** Assessments that changed (tier, score, factors or model). */
  changed: number;
}

/**
 * What a chunk (and, summed, a run) found, in total and per district (the
 * enterprise's 6-digit region), so that a regulator reads the counts of its
 * own jurisdiction out of a national run.
 */
export interface RunStats extends Counts {
  byRegion: Record<string, Counts>;
  /** The scores and indicator points computed, for drift (whole run only, not per district). */
  distribution: ScoreDistribution;
}

export function emptyCounts(): Counts {
  return { byTier: { A: 0, B: 0, C: 0, D: 0 }, transitions: {}, firstClassified: 0, changed: 0 };
}

export function emptyStats(): RunStats {
  return { ...emptyCounts(), byRegion: {}, distribution: emptyDistribution() };
}

function count(c: Counts, previous: Tier | null, tier: Tier, changed: boolean): void {
  c.byTier[tier]++;
  if (changed) c.changed++;
  if (previous === null) c.firstClassified++;
  else if (previous !== tier) {
    const key = `${previous}>${tier}`;
    c.transitions[key] = (c.transitions[key] ?? 0) + 1;
  }
}

export function addOutcome(
  stats: RunStats,
  o: { previousTier: Tier | null; tier: Tier; changed: boolean; regionCode: string },
): void {
  count(stats, o.previousTier, o.tier, o.changed);
  count((stats.byRegion[o.regionCode] ??= emptyCounts()), o.previousTier, o.tier, o.changed);
}

function addCounts(into: Counts, other: Partial<Counts>): Counts {
  for (const t of Object.keys(into.byTier) as Tier[]) into.byTier[t] += other.byTier?.[t] ?? 0;
  for (const [k, n] of Object.entries(other.transitions ?? {}))
    into.transitions[k] = (into.transitions[k] ?? 0) + n;
  into.firstClassified += other.firstClassified ?? 0;
  into.changed += other.changed ?? 0;
  return into;
}

/** Sums chunk statistics into run totals (chunks written before these fields count as 0). */
export function mergeStats(into: RunStats, other: Partial<RunStats>): RunStats {
  addCounts(into, other);
  for (const [region, c] of Object.entries(other.byRegion ?? {}))
    addCounts((into.byRegion[region] ??= emptyCounts()), c);
  mergeDistribution(into.distribution, other.distribution);
  return into;
}

/** The counts of the districts inside a jurisdiction prefix (normalised: `3301`). */
export function countsWithin(byRegion: Record<string, Counts>, prefix: string): Counts {
  const out = emptyCounts();
  for (const [region, c] of Object.entries(byRegion))
    if (region.startsWith(prefix)) addCounts(out, c);
  return out;
}
