import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@app/core';
import { planJobId, ReclassifyJob } from '../jobs';
import { RunPlanner } from './run-planner.service';
import { RunRepository } from './run.repository';

/** How often a worker checks that every unfinished run still has its jobs. */
export const RECOVERY_INTERVAL_MS = 10_000;

/**
 * MySQL is the record of a run; Redis only carries its jobs. If Redis loses
 * them (a restart without persistence, an eviction, a flush), this puts them
 * back: every worker, at boot and every few seconds, re-adds the plan job of
 * queued runs and the chunk jobs of running runs' unfinished chunks. Job ids
 * are deterministic, so re-adding a job that still exists does nothing.
 */
@Injectable()
export class RunRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunRecovery.name);
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly runs: RunRepository,
    @InjectQueue(QueueName.Reclassify) private readonly queue: Queue,
    private readonly planner: RunPlanner,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.recover(), RECOVERY_INTERVAL_MS);
    this.timer.unref();
    void this.recover();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async recover(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const { id, status } of await this.runs.unfinished()) {
        if (status === 'queued') {
          await this.queue.add(ReclassifyJob.Plan, { runId: id }, { jobId: planJobId(id) });
        } else {
          await this.planner.plan(id);
        }
      }
    } catch (err) {
      // Redis or MySQL is away; the next tick tries again.
      this.logger.warn({ err: (err as Error).message }, 'run recovery skipped');
    } finally {
      this.busy = false;
    }
  }
}
