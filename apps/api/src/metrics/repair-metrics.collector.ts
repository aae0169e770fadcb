import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { RepairBacklogService } from '@app/repair';

/**
 * The credit-repair backlog read from MySQL on scrape: open applications and
 * those past their stage's deadline, by the deciding authority's province and
 * status (a few dozen series at most), so a regulator's queue that stops
 * moving shows before the deadlines pass unnoticed.
 */
@Injectable()
export class RepairMetricsCollector {
  private readonly open: Gauge<'region' | 'status'>;
  private readonly overdue: Gauge<'region' | 'status'>;

  constructor(
    registry: Registry,
    private readonly backlog: RepairBacklogService,
  ) {
    const labelNames = ['region', 'status'] as const;
    this.open = new Gauge({
      name: 'crs_repair_applications_open',
      help: "Open credit-repair applications (SUBMITTED, AWAITING_MATERIALS, ACCEPTED) by the deciding authority's province (region, 2 digits) and status",
      labelNames,
      registers: [registry],
    });
    this.overdue = new Gauge({
      name: 'crs_repair_applications_overdue',
      help: "Open credit-repair applications past the deadline of their stage (as of the last deadline sweep), by the deciding authority's province and status",
      labelNames,
      registers: [registry],
    });
  }

  async refresh(): Promise<void> {
    const rows = await this.backlog.byProvinceAndStatus();
    this.clear();
    for (const r of rows) {
      const labels = { region: r.province, status: r.status };
      this.open.set(labels, r.open);
      this.overdue.set(labels, r.overdue);
    }
  }

  clear(): void {
    this.open.reset();
    this.overdue.reset();
  }
}
