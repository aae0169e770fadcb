import { Provider } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

const NOT_COUNTERS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * A registry per application rather than prom-client's global one, so an app
 * booted twice in one process (the e2e tests) never registers a metric twice.
 */
export const metricsRegistryProvider: Provider = {
  provide: Registry,
  useFactory: () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    // Gauges named like counters, which `promtool check metrics` rejects; each is the sum of
    // the by-type series beside it (nodejs_active_handles{type}, …), so nothing is lost.
    for (const name of NOT_COUNTERS) registry.removeSingleMetric(name);
    return registry;
  },
};
