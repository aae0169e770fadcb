import { regionLikePattern } from '@app/core';
import { dueForAssessmentCondition } from '@app/risk';

/** The persisted definition of a run, as far as choosing its enterprises goes. */
export interface RunScope {
  mode: 'full' | 'incremental';
  region: string;
  asOf: string;
  modelHash: string;
  /** incremental: the start of the last completed run; inputs changed since (inclusive) are re-scored. */
  changedSince: Date | null;
}

/**
 * The SQL condition (on `enterprises e`) selecting a run's enterprises.
 * Incremental = inputs changed since the last completed run, or no current
 * assessment by this model, or one whose next review date has come. CANCELLED
 * enterprises are never classified.
 */
export function runCondition(scope: RunScope): { sql: string; params: unknown[] } {
  const parts = ["e.status <> 'CANCELLED'"];
  const params: unknown[] = [];
  if (scope.region) {
    parts.push('e.region_code LIKE ?');
    params.push(regionLikePattern(scope.region));
  }
  if (scope.mode === 'incremental') {
    const due = dueForAssessmentCondition('e', scope.modelHash, scope.asOf);
    parts.push(`(${scope.changedSince ? 'e.inputs_changed_at >= ? OR ' : ''}${due.sql})`);
    if (scope.changedSince) params.push(scope.changedSince);
    params.push(...due.params);
  }
  return { sql: parts.join(' AND '), params };
}
