import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { SubscriptionRepository } from '@app/delivery';

type Label = 'subscription';

/**
 * Partner deliveries per subscription, read from MySQL on scrape (the table
 * is the truth, whichever worker sent): what waits and for how long, what was
 * delivered, what failed, what is dead-lettered, whether the circuit is open.
 * Totals are counters in meaning, gauges in form (every API replica reports
 * the same stored numbers).
 */
@Injectable()
export class DeliveryMetricsCollector {
  private readonly gauges: Record<string, Gauge<Label>>;

  constructor(
    registry: Registry,
    private readonly subscriptions: SubscriptionRepository,
  ) {
    const gauge = (name: string, help: string) =>
      new Gauge<Label>({ name, help, labelNames: ['subscription'], registers: [registry] });
    this.gauges = {
      pending: gauge('crs_delivery_pending', 'Deliveries not yet accepted by the partner'),
      lag: gauge(
        'crs_delivery_lag_seconds',
        'Age of the oldest pending delivery (0 when nothing waits)',
      ),
      delivered: gauge('crs_delivery_delivered', 'Deliveries the partner accepted (2xx)'),
      failed: gauge(
        'crs_delivery_failed_attempts',
        'Attempts that failed (not 2xx, timeout, refused)',
      ),
      dead: gauge('crs_delivery_dead_letters', 'Deliveries that failed their last attempt'),
      open: gauge(
        'crs_delivery_circuit_open',
        '1 while the subscription’s circuit breaker is open',
      ),
    };
  }

  async refresh(): Promise<void> {
    const stats = await this.subscriptions.stats();
    this.clear();
    for (const s of stats) {
      const l = { subscription: String(s.id) };
      this.gauges.pending.set(l, s.pending);
      this.gauges.lag.set(l, s.lagSeconds);
      this.gauges.delivered.set(l, s.delivered);
      this.gauges.failed.set(l, s.failedAttempts);
      this.gauges.dead.set(l, s.dead);
      this.gauges.open.set(l, s.breakerOpen ? 1 : 0);
    }
  }

  clear(): void {
    for (const g of Object.values(this.gauges)) g.reset();
  }
}
