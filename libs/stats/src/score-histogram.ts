/**
 * Counts of integer scores split by outcome: the sufficient statistic for AUC
 * and KS. Sparse and keyed by the score as text so it stores as JSON and
 * merges across chunks and workers.
 */
export interface OutcomeHistogram {
  events: Record<string, number>;
  nonEvents: Record<string, number>;
}

export function emptyOutcomeHistogram(): OutcomeHistogram {
  return { events: {}, nonEvents: {} };
}

export function addToOutcomeHistogram(h: OutcomeHistogram, score: number, event: boolean): void {
  const side = event ? h.events : h.nonEvents;
  const k = String(Math.round(score));
  side[k] = (side[k] ?? 0) + 1;
}

export function addCounts(into: Record<string, number>, other: Record<string, number>): void {
  for (const [k, n] of Object.entries(other)) into[k] = (into[k] ?? 0) + n;
}

export function mergeOutcomeHistograms(a: OutcomeHistogram, b: OutcomeHistogram): OutcomeHistogram {
  const out = emptyOutcomeHistogram();
  for (const h of [a, b]) {
    addCounts(out.events, h.events);
    addCounts(out.nonEvents, h.nonEvents);
  }
  return out;
}
