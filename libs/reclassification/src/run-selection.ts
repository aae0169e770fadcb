import { regionLikePattern } from '@app/core';

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
    parts.push(`(
      ${scope.changedSince ? 'e.inputs_changed_at >= ? OR ' : ''}
      NOT EXISTS (SELECT 1 FROM current_assessments c
                   WHERE c.enterprise_id = e.id AND c.model_hash = ?
                     AND (c.next_review_on IS NULL OR c.next_review_on > ?)))`);
    if (scope.changedSince) params.push(scope.changedSince);
    params.push(scope.modelHash, scope.asOf);
  }
  return { sql: parts.join(' AND '), params };
}
