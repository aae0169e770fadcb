import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { ConflictException, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig, QueueName, workerOptions } from '@app/core';
import { ChunkJobData, PlanJobData, ReclassifyJob, StartRunJobData } from '../jobs';
import { ChunkRunner } from '../services/chunk-runner.service';
import { RunPlanner } from '../services/run-planner.service';
import { RunService } from '../services/run.service';

type ReclassifyJobData = PlanJobData | ChunkJobData | StartRunJobData;

/** Plans runs, scores chunks, and starts runs for the nightly scheduler and for imports. */
@Processor(QueueName.Reclassify, workerOptions())
export class ReclassifyProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReclassifyProcessor.name);

  constructor(
    private readonly planner: RunPlanner,
    private readonly chunks: ChunkRunner,
    private readonly runs: RunService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap() {
    this.worker.concurrency = this.config.env.WORKER_CONCURRENCY;
  }

  async process(job: Job<ReclassifyJobData>) {
    switch (job.name) {
      case ReclassifyJob.Plan:
        return { chunks: await this.planner.plan((job.data as PlanJobData).runId) };
      case ReclassifyJob.Chunk: {
        const { runId, chunkNo } = job.data as ChunkJobData;
        const result = await this.chunks.run(runId, chunkNo);
        await job.updateProgress(100);
        return result;
      }
      case ReclassifyJob.Start:
        try {
          const { mode, requestedBy } = job.data as StartRunJobData;
          const run = await this.runs.start({ mode }, requestedBy);
          this.logger.log({ runId: run.id, mode, requestedBy }, 'reclassification started');
          return { runId: run.id };
        } catch (err) {
          if (err instanceof ConflictException) return { skipped: err.message };
          throw err;
        }
      default:
        throw new Error(`unknown reclassify job ${job.name}`);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<ReclassifyJobData> | undefined, err: Error) {
    if (!job || job.name !== ReclassifyJob.Chunk) return;
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
    const { runId, chunkNo } = job.data as ChunkJobData;
    this.logger.error({ runId, chunkNo, err: err.message }, 'chunk failed after all retries');
    await this.chunks.markFailed(runId, chunkNo, err.message);
  }
}
