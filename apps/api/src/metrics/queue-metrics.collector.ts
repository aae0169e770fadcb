import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { Counter, Gauge, Registry } from 'prom-client';
import { QueueName } from '@app/core';

/**
 * Queue depth and job totals of every queue, read from Redis on scrape, so
 * they cover every worker process. Names follow BullMQ's own Prometheus
 * export (`Queue.exportPrometheusMetrics`) except its `bullmq_job_count`,
 * here `bullmq_jobs`: Prometheus naming keeps `_count` for counters and histograms.
 */
@Injectable()
export class QueueMetricsCollector implements OnModuleInit {
  private queues: Queue[] = [];
  private readonly depth: Gauge<'queue' | 'state'>;
  private readonly completed: Counter<'queue'>;
  private readonly failed: Counter<'queue'>;

  constructor(
    registry: Registry,
    private readonly moduleRef: ModuleRef,
  ) {
    const registers = [registry];
    this.depth = new Gauge({
      // Not `bullmq_job_count` (BullMQ's own export): a gauge named like a counter, which promtool rejects.
      name: 'bullmq_jobs',
      help: 'Jobs in the queue by state (waiting, active, delayed, prioritized, failed, ...)',
      labelNames: ['queue', 'state'],
      registers,
    });
    this.completed = new Counter({
      name: 'bullmq_job_completed_total',
      help: 'Jobs completed, by every worker, since the queue was created',
      labelNames: ['queue'],
      registers,
    });
    this.failed = new Counter({
      name: 'bullmq_job_failed_total',
      help: 'Jobs that failed after their last retry, since the queue was created',
      labelNames: ['queue'],
      registers,
    });
  }

  /** The queues are built asynchronously (BullModule.forRootAsync): look them up once they exist. */
  onModuleInit(): void {
    this.queues = Object.values(QueueName).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
  }

  async refresh(): Promise<void> {
    const snapshots = await Promise.all(
      this.queues.map(async (q) => {
        // BullMQ keeps these totals in Redis when workers run with `metrics` (workerOptions()).
        const [counts, completed, failed] = await Promise.all([
          q.getJobCounts(),
          q.getMetrics('completed', 0, 0),
          q.getMetrics('failed', 0, 0),
        ]);
        return { name: q.name, counts, completed: completed.meta.count, failed: failed.meta.count };
      }),
    );
    this.clear();
    for (const s of snapshots) {
      for (const [state, n] of Object.entries(s.counts))
        this.depth.set({ queue: s.name, state }, n);
      this.completed.inc({ queue: s.name }, s.completed);
      this.failed.inc({ queue: s.name }, s.failed);
    }
  }

  /** Counters mirror totals kept in Redis, so they are reset and set, not accumulated. */
  clear(): void {
    this.depth.reset();
    this.completed.reset();
    this.failed.reset();
  }
}
