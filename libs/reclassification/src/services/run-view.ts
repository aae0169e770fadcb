import { parseJsonColumn } from '@app/risk';
import { emptyStats, RunStats } from '../run-stats';

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
  requested_by: string;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The run as api.md shows it, with live statistics while it runs. */
export function runView(r: RunRow, liveStats?: RunStats) {
  const stats = liveStats ?? {
    byTier: parseJsonColumn<RunStats['byTier'] | null>(r.by_tier) ?? emptyStats().byTier,
    transitions: parseJsonColumn<RunStats['transitions'] | null>(r.transitions) ?? {},
  };
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
    changed: r.changed,
    failed: r.failed,
    chunks: { total: r.chunks_total, done: r.chunks_done, failed: r.chunks_failed },
    ratePerSecond: seconds && seconds > 0 ? Math.round(r.processed / seconds) : null,
    requestedBy: r.requested_by,
    error: r.error,
    createdAt: iso(r.created_at),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    byTier: stats.byTier,
    transitions: stats.transitions,
  };
}
