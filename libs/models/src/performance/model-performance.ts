import type { Discrimination, OutcomeHistogram } from '@app/stats';

export interface TierRateView {
  inspected: number;
  problems: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export interface RatesView {
  byTier: Record<'A' | 'B' | 'C' | 'D', TierRateView>;
  ordered: boolean;
}

/** A point of the ROC curve: share of events and of non-events at or below a risk order (riskOrder). */
export interface RocPoint {
  order: number;
  tpr: number;
  fpr: number;
}

/**
 * How well a model's score, as of `asOf`, sorted the inspections of the
 * window that followed: an outcome is only ever compared with a score
 * computed from what was on file before it.
 */
export interface ModelPerformance {
  modelVersion: string;
  /** Division prefix; null: every region. */
  region: string | null;
  window: { from: string; to: string };
  /** The day the scores are computed as of: the day before the window. */
  asOf: string;
  /** Enterprises inspected in the window and classified as of asOf; events: PROBLEM or NOT_FOUND. */
  sample: { enterprises: number; events: number };
  /** Of the classification's order: tier, then score within the tier (riskOrder). */
  discrimination: Discrimination;
  roc: RocPoint[];
  /** 问题发现率 per tier of this model as of asOf, with 95% Wilson intervals. */
  byTier: RatesView;
  /** The same rate per tier at draw time, over the plans of the region inspected in the window (any model). */
  drawTime: RatesView;
  computedAt: string;
  /** The run after which it was computed; null: on demand. */
  runId: number | null;
}

/** The ROC curve from the histogram, at most ~100 points (for the console), riskiest scores first. */
export function rocCurve(h: OutcomeHistogram, points = 100): RocPoint[] {
  const scores = [...new Set([...Object.keys(h.events), ...Object.keys(h.nonEvents)])]
    .map(Number)
    .sort((a, b) => a - b);
  const total = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);
  const e = total(h.events);
  const n = total(h.nonEvents);
  if (e === 0 || n === 0) return [];
  const out: RocPoint[] = [{ order: -1, tpr: 0, fpr: 0 }];
  const step = Math.max(1, Math.ceil(scores.length / points));
  let tp = 0;
  let fp = 0;
  scores.forEach((s, i) => {
    tp += h.events[String(s)] ?? 0;
    fp += h.nonEvents[String(s)] ?? 0;
    if (i % step === step - 1 || i === scores.length - 1)
      out.push({ order: s, tpr: tp / e, fpr: fp / n });
  });
  return out;
}
