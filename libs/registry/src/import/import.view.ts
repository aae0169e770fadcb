export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';
export type ImportSource = 'api' | 'cli';

export interface ImportRow {
  id: string | number;
  status: ImportStatus;
  source: ImportSource;
  file_path: string;
  bytes_total: string | number;
  next_offset: string | number;
  next_line: number;
  lines_read: number;
  accepted: number;
  rejected: number;
  enterprises: number;
  records: number;
  records_skipped: number;
  persons: number;
  inputs_changed: number;
  requested_by: string;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** An import as `GET /imports/:id` shows it: counters, progress, and the first rejected lines. */
export function importView(r: ImportRow, rejections: { line: number; reason: string }[]) {
  const bytesTotal = Number(r.bytes_total);
  const bytesRead = Number(r.next_offset);
  const seconds = r.started_at
    ? ((r.finished_at ? new Date(r.finished_at).getTime() : Date.now()) -
        new Date(r.started_at).getTime()) /
      1000
    : null;
  return {
    id: Number(r.id),
    status: r.status,
    source: r.source,
    lines: r.lines_read,
    accepted: r.accepted,
    rejected: r.rejected,
    enterprises: r.enterprises,
    records: r.records,
    recordsSkipped: r.records_skipped,
    persons: r.persons,
    inputsChanged: r.inputs_changed,
    bytesTotal,
    bytesRead,
    progress:
      bytesTotal > 0 ? Math.min(1, bytesRead / bytesTotal) : r.status === 'completed' ? 1 : 0,
    linesPerSecond: seconds && seconds > 0 ? Math.round(r.lines_read / seconds) : null,
    requestedBy: r.requested_by,
    error: r.error,
    createdAt: iso(r.created_at),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    /** The first rejected lines (up to REJECTIONS_SHOWN); `rejected` is the total. */
    rejections,
    rejectionsTruncated: r.rejected > rejections.length,
  };
}

export type ImportView = ReturnType<typeof importView>;
