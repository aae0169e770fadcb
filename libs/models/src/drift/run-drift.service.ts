import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Clock } from '@app/core';
import { RunRepository } from '@app/reclassification';
import { PsiBand, psi, psiBand, scoreBinsPsi } from '@app/stats';
import { MonitoringConfigProvider } from '../monitoring-config.provider';
import { RunDrift } from './run-drift';
import { RunDriftRepository } from './run-drift.repository';

const SEVERITY: Record<PsiBand, number> = { STABLE: 0, WATCH: 1, ALERT: 2 };

/**
 * Drift of a completed run: PSI of its scores over the previous run of the
 * same scope's score deciles, and of each indicator's points. An alert is
 * logged and stored (counted by /metrics, shown in the console).
 */
@Injectable()
export class RunDriftService {
  private readonly logger = new Logger(RunDriftService.name);

  constructor(
    private readonly runs: RunRepository,
    private readonly store: RunDriftRepository,
    private readonly config: MonitoringConfigProvider,
    private readonly clock: Clock,
  ) {}

  async compute(runId: number): Promise<RunDrift | null> {
    const { run, previous } = await this.runs.withPreviousOfScope(runId);
    if (!run?.distribution || run.status !== 'completed') return null;
    const thresholds = this.config.get().psi;
    const base = previous?.distribution;
    const overall = base ? scoreBinsPsi(base.scores, run.distribution.scores) : null;
    const indicators = Object.keys(run.distribution.indicators)
      .sort()
      .map((code) => {
        const value = base
          ? psi(base.indicators[code] ?? {}, run.distribution!.indicators[code]).psi
          : null;
        return { code, psi: value, band: value === null ? null : psiBand(value, thresholds) };
      });
    const bands = [overall?.psi == null ? null : psiBand(overall.psi, thresholds)]
      .concat(indicators.map((i) => i.band))
      .filter((b): b is PsiBand => b !== null);
    const band = bands.length ? bands.reduce((w, b) => (SEVERITY[b] > SEVERITY[w] ? b : w)) : null;
    const drift: RunDrift = {
      runId,
      previousRunId: previous?.id ?? null,
      psi: overall?.psi ?? null,
      band,
      indicators,
      bins: overall?.bins ?? [],
      thresholds,
      computedAt: this.clock.now().toISOString(),
    };
    await this.store.save(drift);
    if (band === 'ALERT')
      this.logger.warn(
        {
          runId,
          previousRunId: drift.previousRunId,
          psi: drift.psi,
          indicators: indicators.filter((i) => i.band === 'ALERT').map((i) => i.code),
        },
        'score distribution drift past the alert band',
      );
    return drift;
  }

  async read(runId: number): Promise<RunDrift> {
    const d = await this.store.find(runId);
    if (!d)
      throw new NotFoundException(`no drift for run ${runId}: it is computed when a run completes`);
    return d;
  }

  latest(limit = 30) {
    return this.store.latest(limit);
  }

  metrics() {
    return this.store.metrics();
  }
}
