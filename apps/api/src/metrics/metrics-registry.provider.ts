import { Provider } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A registry per application rather than prom-client's global one, so an app
 * booted twice in one process (the e2e tests) never registers a metric twice.
 */
export const metricsRegistryProvider: Provider = {
  provide: Registry,
  useFactory: () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    return registry;
  },
};
