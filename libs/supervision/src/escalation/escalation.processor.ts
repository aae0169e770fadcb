import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, QueueName, workerOptions } from '@app/core';
import { EscalationSweepService } from './escalation-sweep.service';

export const ESCALATION_SCHEDULER = 'escalation-daily';
export const ESCALATION_SWEEP_JOB = 'sweep';

/**
 * Runs the escalation sweep daily on a BullMQ job scheduler (cron and time
 * zone from ESCALATION_CRON / ESCALATION_TZ). Every worker upserts the same
 * scheduler id, so there is one; the sweep is idempotent, so a retry or an
 * extra run changes nothing.
 */
@Processor(QueueName.Escalations, workerOptions())
export class EscalationProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(EscalationProcessor.name);

  constructor(
    private readonly sweeper: EscalationSweepService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Escalations) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap() {
    const { ESCALATION_CRON: pattern, ESCALATION_TZ: tz } = this.config.env;
    await this.queue.upsertJobScheduler(
      ESCALATION_SCHEDULER,
      { pattern, tz },
      { name: ESCALATION_SWEEP_JOB, data: {}, opts: { attempts: 3 } },
    );
    this.logger.log(`escalation sweep scheduled: '${pattern}' ${tz}`);
  }

  async process() {
    const result = await this.sweeper.sweep();
    this.logger.log(result, 'escalation sweep done');
    return result;
  }
}
