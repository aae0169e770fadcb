import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { QueueName } from '@app/core';
import { DeadlineSweepService } from '../services/deadline-sweep.service';
import { EvidenceSweepService } from '../services/evidence-sweep.service';

export const DEADLINE_SWEEP_SCHEDULER = 'repair-deadline-sweep';
export const DEADLINE_SWEEP_JOB = 'sweep';
export const EVIDENCE_SWEEP_SCHEDULER = 'repair-evidence-sweep';
export const EVIDENCE_SWEEP_JOB = 'evidence-sweep';

/**
 * Runs the deadline sweep on a BullMQ job scheduler (BullMQ 6 has no `repeat`
 * option). Hourly rather than once at midnight: the date flips at 00:00 in
 * Shanghai, and an hourly run also catches up within the hour after a worker
 * was down. Every worker upserts the same scheduler id, so there is one.
 * The same queue runs the hourly sweep of unreferenced evidence uploads.
 */
@Processor(QueueName.RepairDeadlines)
export class DeadlineSweepProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeadlineSweepProcessor.name);

  constructor(
    private readonly sweeper: DeadlineSweepService,
    private readonly evidence: EvidenceSweepService,
    @InjectQueue(QueueName.RepairDeadlines) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap() {
    await this.queue.upsertJobScheduler(
      DEADLINE_SWEEP_SCHEDULER,
      { pattern: '5 * * * *', tz: 'Asia/Shanghai' },
      { name: DEADLINE_SWEEP_JOB, data: {} },
    );
    await this.queue.upsertJobScheduler(
      EVIDENCE_SWEEP_SCHEDULER,
      { pattern: '35 * * * *', tz: 'Asia/Shanghai' },
      { name: EVIDENCE_SWEEP_JOB, data: {} },
    );
  }

  async process(job: Job) {
    if (job.name === EVIDENCE_SWEEP_JOB) return this.evidence.sweep();
    const result = await this.sweeper.sweep();
    if (result.changed || result.lapsed) this.logger.log(result, 'repair deadlines swept');
    return result;
  }
}
