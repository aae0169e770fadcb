import { Module } from '@nestjs/common';
import { ReclassificationModule } from '@app/reclassification';
import { RepairModule } from '@app/repair';
import { ModelsModule } from '@app/models';
import { DeliveryModule } from '@app/delivery';
import { DeliveryMetricsCollector } from './delivery-metrics.collector';
import { ModelMetricsCollector } from './model-metrics.collector';
import { HttpMetrics } from './http-metrics';
import { metricsRegistryProvider } from './metrics-registry.provider';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { MetricsTokenGuard } from './metrics-token.guard';
import { QueueMetricsCollector } from './queue-metrics.collector';
import { RepairMetricsCollector } from './repair-metrics.collector';
import { RunMetricsCollector } from './run-metrics.collector';

/**
 * `/metrics` for Prometheus. HttpMetrics is exported for configureApp, which
 * mounts it ahead of every route: Nest middleware would only see prefixed routes.
 */
@Module({
  imports: [RepairModule, ReclassificationModule, ModelsModule, DeliveryModule],
  controllers: [MetricsController],
  providers: [
    metricsRegistryProvider,
    HttpMetrics,
    MetricsService,
    MetricsTokenGuard,
    QueueMetricsCollector,
    RunMetricsCollector,
    RepairMetricsCollector,
    ModelMetricsCollector,
    DeliveryMetricsCollector,
  ],
  exports: [HttpMetrics],
})
export class MetricsModule {}
