import type { Assessment } from '@app/scoring';

/**
 * What a run scored, as counts: the score (integer, 0–1000) and each
 * indicator's points. Summed over chunks like the other statistics, stored
 * with the run, and compared run to run for drift (PSI) by the models library.
 */
export interface ScoreDistribution {
  scores: Record<string, number>;
  /** Indicator code → points → enterprises. */
  indicators: Record<string, Record<string, number>>;
}

export function emptyDistribution(): ScoreDistribution {
  return { scores: {}, indicators: {} };
}

function bump(r: Record<string, number>, key: string, n = 1): void {
  r[key] = (r[key] ?? 0) + n;
}

export function addAssessment(d: ScoreDistribution, a: Assessment): void {
  bump(d.scores, String(Math.round(a.score)));
  for (const f of a.factors) bump((d.indicators[f.code] ??= {}), String(f.points));
}

export function mergeDistribution(into: ScoreDistribution, other?: Partial<ScoreDistribution>) {
  for (const [k, n] of Object.entries(other?.scores ?? {})) bump(into.scores, k, n);
  for (const [code, points] of Object.entries(other?.indicators ?? {}))
    for (const [k, n] of Object.entries(points)) bump((into.indicators[code] ??= {}), k, n);
  return into;
}
