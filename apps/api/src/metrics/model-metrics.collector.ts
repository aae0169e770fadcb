import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { RunDriftService } from '@app/models';

/**
 * Drift read from MySQL on scrape (the worker stores each run's PSI): how
 * many runs drifted past the alert band, and the newest overall PSI. A
 * counter in meaning, a gauge in form: every API replica reports the same
 * stored count, and it never goes down.
 */
@Injectable()
export class ModelMetricsCollector {
  private readonly alerts: Gauge;
  private readonly latest: Gauge;

  constructor(
    registry: Registry,
    private readonly drift: RunDriftService,
  ) {
    this.alerts = new Gauge({
      name: 'crs_model_drift_alert_runs',
      help: 'Completed runs whose score or indicator PSI against the previous run of their scope was past the alert band (config/model-monitoring.yaml)',
      registers: [registry],
    });
    this.latest = new Gauge({
      name: 'crs_model_psi_latest',
      help: 'Overall PSI of the newest run that had a previous run of its scope',
      registers: [registry],
    });
  }

  async refresh(): Promise<void> {
    const m = await this.drift.metrics();
    this.alerts.set(m.alerts);
    if (m.latestPsi === null) this.latest.reset();
    else this.latest.set(m.latestPsi);
  }

  clear(): void {
    this.alerts.reset();
    this.latest.reset();
  }
}
