import { createHash } from 'node:crypto';
import type { Assessment } from '@app/scoring';

/**
 * Factors as stored: only those with points or records (the rest are 0 by
 * the model file of that version, which also gives back labels and
 * categories). Keeps a row near 150 bytes instead of 1 KB: at a million
 * enterprises a night, bytes written are the cost that matters.
 */
export interface StoredFactor {
  code: string;
  points: number;
  recordIds?: number[];
}
export interface StoredVeto {
  code: string;
  effect: string;
  recordIds: number[];
}

export function storedFactors(a: Assessment): StoredFactor[] {
  const out: StoredFactor[] = [];
  for (const f of a.factors) {
    if (f.recordIds.length)
      out.push({ code: f.code, points: f.points, recordIds: [...f.recordIds] });
    else if (f.points !== 0) out.push({ code: f.code, points: f.points });
  }
  return out;
}

export function storedVetoes(a: Assessment): StoredVeto[] {
  return a.vetoes.map((v) => ({ code: v.code, effect: v.effect, recordIds: [...v.recordIds] }));
}

/**
 * What makes two assessments "the same" for history: model, tier, score,
 * factors and vetoes — not the as-of date they were computed at.
 */
export function fingerprint(a: Assessment, factors: StoredFactor[], vetoes: StoredVeto[]): string {
  return createHash('sha1')
    .update(JSON.stringify([a.modelHash, a.tier, a.score, factors, vetoes]))
    .digest('hex');
}
