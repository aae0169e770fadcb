import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig, QueueName, workerOptions } from '@app/core';
import type { RescoreJob } from '@app/registry';
import { RescoreService } from '../services/rescore.service';

/** Consumes `rescore` jobs queued by every registry write. */
@Processor(QueueName.Rescore, workerOptions())
export class RescoreProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RescoreProcessor.name);

  constructor(
    private readonly rescorer: RescoreService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap() {
    this.worker.concurrency = this.config.env.WORKER_CONCURRENCY;
  }

  async process(job: Job<RescoreJob>) {
    const result = await this.rescorer.rescore(job.data.uscc, job.data.trigger);
    if (result?.changed) this.logger.debug({ ...result, trigger: job.data.trigger }, 'rescored');
    return result;
  }
}
