import { Injectable, Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DeliveryMetricsCollector } from './delivery-metrics.collector';
import { ModelMetricsCollector } from './model-metrics.collector';
import { QueueMetricsCollector } from './queue-metrics.collector';
import { RepairMetricsCollector } from './repair-metrics.collector';
import { RunMetricsCollector } from './run-metrics.collector';

/** Redis queues commands while it reconnects; a scrape must not wait for that. */
const SOURCE_TIMEOUT_MS = 2000;

interface Source {
  refresh(): Promise<void>;
  clear(): void;
}

/**
 * Refreshes what is read on scrape (queues from Redis, runs from MySQL), then
 * renders the registry. A source that fails or is slow drops its series and
 * reports `crs_metrics_source_up 0`, and the rest of the scrape still answers.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  private readonly up: Gauge<'source'>;
  private readonly sources: Record<string, Source>;

  constructor(
    private readonly registry: Registry,
    queues: QueueMetricsCollector,
    runs: RunMetricsCollector,
    repair: RepairMetricsCollector,
    models: ModelMetricsCollector,
    deliveries: DeliveryMetricsCollector,
  ) {
    this.sources = { queues, runs, repair, models, deliveries };
    this.up = new Gauge({
      name: 'crs_metrics_source_up',
      help: '1 when the source read on this scrape (queues: Redis, runs, repair, models and deliveries: MySQL) answered in time',
      labelNames: ['source'],
      registers: [registry],
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async scrape(): Promise<string> {
    await Promise.all(Object.entries(this.sources).map(([name, s]) => this.refresh(name, s)));
    return this.registry.metrics();
  }

  private async refresh(name: string, source: Source): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        source.refresh(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer in ${SOURCE_TIMEOUT_MS} ms`)),
            SOURCE_TIMEOUT_MS,
          );
        }),
      ]);
      this.up.set({ source: name }, 1);
    } catch (err) {
      source.clear();
      this.up.set({ source: name }, 0);
      this.logger.warn({ source: name, err: (err as Error).message }, 'metrics source failed');
    } finally {
      clearTimeout(timer);
    }
  }
}
