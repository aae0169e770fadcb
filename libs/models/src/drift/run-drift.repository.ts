import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseJsonColumn } from '@app/core';
import { RunDrift } from './run-drift';

/** The drift of each completed run against the previous run of its scope. */
@Injectable()
export class RunDriftRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async save(d: RunDrift): Promise<void> {
    await this.db.query(
      `INSERT INTO run_drift (run_id, previous_run_id, psi, band, indicators, computed_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE previous_run_id = VALUES(previous_run_id), psi = VALUES(psi),
         band = VALUES(band), indicators = VALUES(indicators), computed_at = VALUES(computed_at)`,
      [
        d.runId,
        d.previousRunId,
        d.psi,
        d.band,
        JSON.stringify({ indicators: d.indicators, bins: d.bins, thresholds: d.thresholds }),
        new Date(d.computedAt),
      ],
    );
  }

  async find(runId: number): Promise<RunDrift | null> {
    const [r] = await this.db.query(
      'SELECT run_id, previous_run_id, psi, band, indicators, computed_at FROM run_drift WHERE run_id = ?',
      [runId],
    );
    return r ? drift(r) : null;
  }

  /** The newest runs' drift, newest first (the console's PSI chart). */
  async latest(limit: number): Promise<RunDrift[]> {
    const rows = await this.db.query(
      `SELECT run_id, previous_run_id, psi, band, indicators, computed_at FROM run_drift
        ORDER BY run_id DESC LIMIT ?`,
      [limit],
    );
    return rows.map(drift);
  }

  /** For /metrics: runs whose overall or indicator drift was past the alert band, and the newest PSI. */
  async metrics(): Promise<{ alerts: number; latestPsi: number | null }> {
    const [[a], [l]] = await Promise.all([
      this.db.query("SELECT COUNT(*) AS n FROM run_drift WHERE band = 'ALERT'"),
      this.db.query('SELECT psi FROM run_drift WHERE psi IS NOT NULL ORDER BY run_id DESC LIMIT 1'),
    ]);
    return { alerts: Number(a.n), latestPsi: l ? Number(l.psi) : null };
  }
}

function drift(r: Record<string, unknown>): RunDrift {
  const extra = parseJsonColumn<Pick<RunDrift, 'indicators' | 'bins' | 'thresholds'>>(r.indicators);
  return {
    runId: Number(r.run_id),
    previousRunId: r.previous_run_id == null ? null : Number(r.previous_run_id),
    psi: r.psi == null ? null : Number(r.psi),
    band: (r.band as RunDrift['band']) ?? null,
    ...extra,
    computedAt: new Date(r.computed_at as Date).toISOString(),
  };
}
