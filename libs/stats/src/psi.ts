export interface PsiBin {
  key: string;
  expected: number;
  actual: number;
  contribution: number;
}

/**
 * Population Stability Index: Σ (a − e)·ln(a / e) over categories, on
 * proportions; an empty category counts as `epsilon` so the logarithm stays finite.
 */
export function psi(
  expected: Record<string, number>,
  actual: Record<string, number>,
  epsilon = 1e-4,
): { psi: number | null; bins: PsiBin[] } {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);
  const te = sum(expected);
  const ta = sum(actual);
  if (te === 0 || ta === 0) return { psi: null, bins: [] };
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort(
    (a, b) => Number(a) - Number(b) || a.localeCompare(b),
  );
  const bins = keys.map((key) => {
    const e = Math.max((expected[key] ?? 0) / te, epsilon);
    const a = Math.max((actual[key] ?? 0) / ta, epsilon);
    return { key, expected: e, actual: a, contribution: (a - e) * Math.log(a / e) };
  });
  return { psi: bins.reduce((s, b) => s + b.contribution, 0), bins };
}

/**
 * PSI of integer-score histograms over the deciles of the baseline (the
 * usual scorecard practice); equal cut points collapse, so a score heaped on
 * few values gives fewer bins rather than empty duplicates. A bin is named by
 * its upper bound (`<=640`), the last one `top`.
 */
export function scoreBinsPsi(
  expectedScores: Record<string, number>,
  actualScores: Record<string, number>,
  bins = 10,
) {
  const sorted = Object.entries(expectedScores)
    .map(([k, n]) => [Number(k), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  // Upper bounds: the score at which the baseline's cumulative count reaches each decile.
  const uppers: number[] = [];
  let cumulative = 0;
  let k = 1;
  for (const [score, n] of sorted) {
    cumulative += n;
    while (k < bins && cumulative >= (total * k) / bins) {
      if (uppers.at(-1) !== score) uppers.push(score);
      k++;
    }
  }
  const bucket = (r: Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const [key, n] of Object.entries(r)) {
      const s = Number(key);
      const upper = uppers.find((u) => s <= u);
      const name = upper === undefined ? 'top' : `<=${upper}`;
      out[name] = (out[name] ?? 0) + n;
    }
    return out;
  };
  return psi(bucket(expectedScores), bucket(actualScores));
}

export type PsiBand = 'STABLE' | 'WATCH' | 'ALERT';

/** < watch: stable; up to alert (inclusive): watch; above: alert. */
export function psiBand(value: number, thresholds = { watch: 0.1, alert: 0.25 }): PsiBand {
  if (value < thresholds.watch) return 'STABLE';
  return value > thresholds.alert ? 'ALERT' : 'WATCH';
}
