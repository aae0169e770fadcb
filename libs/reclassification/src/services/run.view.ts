import { parseJsonColumn } from '@app/core';
import { countsWithin, emptyStats, RunStats } from '../run-stats';

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface RunRow {
  id: string | number;
  mode: 'full' | 'incremental';
  model_version: string;
  model_hash: string;
  region: string;
  as_of: string;
  dry_run: number;
  status: RunStatus;
  changed_since: Date | null;
  total: number;
  processed: number;
  changed: number;
  failed: number;
  chunks_total: number;
  chunks_done: number;
  chunks_failed: number;
  by_tier: unknown;
  transitions: unknown;
  first_classified?: number;
  by_region?: unknown;
  requested_by: string;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * The run as api.md shows it, with live statistics while it runs. With
 * `within` (a normalised jurisdiction prefix narrower than the run's scope)
 * the counts are those of the districts inside it, and `countsRegion` says so;
 * a run finished before districts were counted keeps its whole-run counts.
 */
export function runView(r: RunRow, liveStats?: RunStats, within?: string) {
  const stats: Omit<RunStats, 'distribution'> = liveStats ?? {
    byTier: parseJsonColumn<RunStats['byTier'] | null>(r.by_tier) ?? emptyStats().byTier,
    transitions: parseJsonColumn<RunStats['transitions'] | null>(r.transitions) ?? {},
    firstClassified: Number(r.first_classified ?? 0),
    changed: r.changed,
    byRegion: parseJsonColumn<RunStats['byRegion'] | null>(r.by_region ?? null) ?? {},
  };
  const scope = r.region || '';
  const narrow =
    within !== undefined &&
    within.length > scope.length &&
    within.startsWith(scope) &&
    Object.keys(stats.byRegion).length > 0;
  const counts = narrow ? countsWithin(stats.byRegion, within) : stats;
  const seconds =
    r.started_at && (r.finished_at ?? new Date())
      ? ((r.finished_at ? new Date(r.finished_at).getTime() : Date.now()) -
          new Date(r.started_at).getTime()) /
        1000
      : null;
  return {
    id: Number(r.id),
    status: r.status,
    mode: r.mode,
    modelVersion: r.model_version,
    modelHash: r.model_hash,
    region: r.region || null,
    asOf: r.as_of,
    dryRun: Boolean(r.dry_run),
    total: r.total,
    processed: r.processed,
    changed: counts.changed,
    /** Classified for the first time (no tier before): a first run says so instead of "changed". */
    firstClassified: counts.firstClassified,
    /** The region the counts cover: the run's, or the caller's jurisdiction inside a wider run. */
    countsRegion: (narrow ? within : scope) || null,
    failed: r.failed,
    chunks: { total: r.chunks_total, done: r.chunks_done, failed: r.chunks_failed },
    ratePerSecond: seconds && seconds > 0 ? Math.round(r.processed / seconds) : null,
    requestedBy: r.requested_by,
    error: r.error,
    createdAt: iso(r.created_at),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    byTier: counts.byTier,
    transitions: counts.transitions,
  };
}
