import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, QueueName } from '@app/core';
import { NIGHTLY_SCHEDULER_ID, ReclassifyJob, StartRunJobData } from '../jobs';

/**
 * Registers the nightly incremental run. Every worker calls this at boot;
 * the scheduler id is fixed, so however many workers start there is one
 * scheduler and one job per night (and the run's active key refuses a twin).
 */
@Injectable()
export class NightlyScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(NightlyScheduler.name);

  constructor(
    @InjectQueue(QueueName.Reclassify) private readonly queue: Queue<StartRunJobData>,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    const { RECLASSIFY_CRON: pattern, RECLASSIFY_TZ: tz } = this.config.env;
    await this.queue.upsertJobScheduler(
      NIGHTLY_SCHEDULER_ID,
      { pattern, tz },
      {
        name: ReclassifyJob.Start,
        data: { mode: 'incremental', requestedBy: 'scheduler' },
        opts: { attempts: 3 },
      },
    );
    this.logger.log(`nightly reclassification scheduled: '${pattern}' ${tz}`);
  }
}
