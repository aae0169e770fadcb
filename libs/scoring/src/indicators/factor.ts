import type { Factor } from '../assessment';
import { NO_RECORD_IDS } from '../assessment';
import type { CompiledBin, CompiledIndicator } from '../compiled-model';

/** The one place a factor is built, so every factor has the same shape. */
export function factor(ind: CompiledIndicator, points: number, recordIds: number[] | null): Factor {
  return {
    code: ind.code,
    category: ind.category,
    label: ind.label,
    points,
    recordIds: recordIds ?? NO_RECORD_IDS,
  };
}

/** Points of the bin holding `value`; a value in no bin scores 0. */
export function binPoints(bins: readonly CompiledBin[], value: number): number {
  for (let i = 0; i < bins.length; i++) {
    const b = bins[i];
    if (value >= b.from && value < b.to) return b.points;
  }
  return 0;
}
