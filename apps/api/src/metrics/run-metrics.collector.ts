import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { Clock } from '@app/core';
import { RunRepository, RunSnapshotRow } from '@app/reclassification';

type RunRow = RunSnapshotRow;

const seconds = (from: Date, to: Date) =>
  (new Date(to).getTime() - new Date(from).getTime()) / 1000;

/**
 * Reclassification figures read from the runs (RunRepository.snapshot) on scrape: the
 * table is the truth every worker writes to, and the query costs a few rows.
 * Gauges rather than histograms: each value describes one run, and any
 * number of API replicas report the same thing.
 */
@Injectable()
export class RunMetricsCollector {
  private readonly lastDuration: Gauge<'mode'>;
  private readonly lastRate: Gauge<'mode'>;
  private readonly lastEnterprises: Gauge<'mode' | 'outcome'>;
  private readonly lastSuccess: Gauge<'mode'>;
  private readonly lastFinished: Gauge<'mode'>;
  private readonly active: Gauge<'status'>;
  private readonly runningEnterprises: Gauge<'kind'>;
  private readonly runningRate: Gauge;

  constructor(
    registry: Registry,
    private readonly runs: RunRepository,
    private readonly clock: Clock,
  ) {
    const registers = [registry];
    const prefix = 'crs_reclassification_';
    this.lastDuration = new Gauge({
      name: `${prefix}last_run_duration_seconds`,
      help: 'Wall time of the newest finished run of each mode, from planning to its last chunk',
      labelNames: ['mode'],
      registers,
    });
    this.lastRate = new Gauge({
      name: `${prefix}last_run_enterprises_per_second`,
      help: 'Enterprises processed per second by the newest finished run of each mode',
      labelNames: ['mode'],
      registers,
    });
    this.lastEnterprises = new Gauge({
      name: `${prefix}last_run_enterprises`,
      help: 'Enterprises of the newest finished run: planned, processed, changed (tier or score moved) and failed (in chunks that failed after all retries)',
      labelNames: ['mode', 'outcome'],
      registers,
    });
    this.lastSuccess = new Gauge({
      name: `${prefix}last_run_success`,
      help: '1 when the newest finished run of the mode completed, 0 when it failed',
      labelNames: ['mode'],
      registers,
    });
    this.lastFinished = new Gauge({
      name: `${prefix}last_run_finished_timestamp_seconds`,
      help: 'When the newest finished run of the mode ended (alert when the nightly run is missing)',
      labelNames: ['mode'],
      registers,
    });
    this.active = new Gauge({
      name: `${prefix}active_runs`,
      help: 'Runs queued (not yet planned) or running',
      labelNames: ['status'],
      registers,
    });
    this.runningEnterprises = new Gauge({
      name: `${prefix}running_enterprises`,
      help: 'Enterprises of the runs in progress: planned and processed so far',
      labelNames: ['kind'],
      registers,
    });
    this.runningRate = new Gauge({
      name: `${prefix}running_enterprises_per_second`,
      help: 'Enterprises per second of the runs in progress, since each started',
      registers,
    });
  }

  async refresh(): Promise<void> {
    const rows = await this.runs.snapshot();
    this.clear();
    const now = this.clock.now();
    const active = { queued: 0, running: 0 };
    let planned = 0;
    let processed = 0;
    let rate = 0;
    for (const r of rows) {
      if (r.status === 'queued' || r.status === 'running') {
        active[r.status]++;
        planned += r.total;
        processed += r.processed;
        const elapsed = r.started_at ? seconds(r.started_at, now) : 0;
        if (elapsed > 0) rate += r.processed / elapsed;
      } else {
        this.setLastRun(r);
      }
    }
    for (const [status, n] of Object.entries(active)) this.active.set({ status }, n);
    this.runningEnterprises.set({ kind: 'planned' }, planned);
    this.runningEnterprises.set({ kind: 'processed' }, processed);
    this.runningRate.set(rate);
  }

  clear(): void {
    for (const g of [
      this.lastDuration,
      this.lastRate,
      this.lastEnterprises,
      this.lastSuccess,
      this.lastFinished,
      this.active,
      this.runningEnterprises,
      this.runningRate,
    ])
      g.reset();
  }

  private setLastRun(r: RunRow): void {
    const mode = { mode: r.mode };
    this.lastSuccess.set(mode, r.status === 'completed' ? 1 : 0);
    for (const outcome of ['total', 'processed', 'changed', 'failed'] as const) {
      this.lastEnterprises.set(
        { ...mode, outcome: outcome === 'total' ? 'planned' : outcome },
        r[outcome],
      );
    }
    if (!r.finished_at) return;
    this.lastFinished.set(mode, new Date(r.finished_at).getTime() / 1000);
    if (!r.started_at) return;
    const duration = seconds(r.started_at, r.finished_at);
    this.lastDuration.set(mode, duration);
    // A run with nothing to do ends as it starts: no rate to speak of.
    if (duration > 0) this.lastRate.set(mode, r.processed / duration);
  }
}
