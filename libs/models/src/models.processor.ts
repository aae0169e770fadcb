import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import {
  addDays,
  MODELS_RUN_COMPLETED_JOB,
  QueueName,
  RunCompletedJobData,
  workerOptions,
} from '@app/core';
import { RunRepository } from '@app/reclassification';
import { RunDriftService } from './drift/run-drift.service';
import { MonitoringConfigProvider } from './monitoring-config.provider';
import { ModelPerformanceService } from './performance/model-performance.service';

/** On the models queue: measure a model for a region and window (POST /models/:version/performance). */
export const MODELS_PERFORMANCE_JOB = 'performance';
export interface PerformanceJobData {
  version: string;
  region?: string;
  from: string;
  to: string;
}

/**
 * The worker's statistics: after each completed run, its drift against the
 * previous run of its scope and its model's performance over the window
 * ending on its as-of date; and measures asked for on demand. Both are
 * idempotent (stored by key), so a retried job only recomputes.
 */
@Processor(QueueName.Models, workerOptions())
export class ModelsProcessor extends WorkerHost {
  private readonly logger = new Logger(ModelsProcessor.name);

  constructor(
    private readonly drift: RunDriftService,
    private readonly performance: ModelPerformanceService,
    private readonly runs: RunRepository,
    private readonly config: MonitoringConfigProvider,
  ) {
    super();
  }

  async process(job: Job) {
    if (job.name === MODELS_RUN_COMPLETED_JOB) {
      const { runId } = job.data as RunCompletedJobData;
      const drift = await this.drift.compute(runId);
      const { run } = await this.runs.withPreviousOfScope(runId);
      if (!run || run.status !== 'completed') return { runId, skipped: true };
      const days = this.config.get().performance.windowDays;
      const performance = await this.performance.compute(
        run.modelVersion,
        { region: run.region || undefined, from: addDays(run.asOf, -(days - 1)), to: run.asOf },
        runId,
      );
      return { runId, psi: drift?.psi ?? null, auc: performance.discrimination.auc };
    }
    if (job.name === MODELS_PERFORMANCE_JOB) {
      const { version, ...q } = job.data as PerformanceJobData;
      const p = await this.performance.compute(version, q);
      return { version, auc: p.discrimination.auc };
    }
    this.logger.warn({ name: job.name }, 'unknown job on the models queue');
    return null;
  }
}
