import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Clock, MODELS_RUN_COMPLETED_JOB, QueueName } from '@app/core';
import { RunRepository } from './run.repository';

/**
 * Completes a run once every chunk is done or failed. Called after each
 * chunk commits (and again when a retried chunk finds itself done), so a
 * worker dying between a chunk's commit and this call delays, never loses,
 * the completion. The status guard lets exactly one caller finish the run.
 */
@Injectable()
export class RunFinisher {
  private readonly logger = new Logger(RunFinisher.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runs: RunRepository,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Models) private readonly models: Queue,
  ) {}

  async finishIfDone(runId: number): Promise<boolean> {
    const finished = await this.finish(runId);
    if (finished === 'completed') await this.announce(runId);
    return finished !== null;
  }

  /**
   * Drift and performance of a completed run are the models library's work,
   * in its own queue. Queued after the commit; if Redis refuses it, the run
   * stands and its measures can be computed on demand.
   */
  private async announce(runId: number): Promise<void> {
    await this.models
      .add(MODELS_RUN_COMPLETED_JOB, { runId }, { jobId: `run-completed-${runId}` })
      .catch((err: unknown) =>
        this.logger.warn({ runId, err }, 'could not queue the run’s drift and performance'),
      );
  }

  private async finish(runId: number): Promise<'completed' | 'failed' | null> {
    return this.db.transaction(async (m) => {
      const run = await this.runs.lockProgress(m, runId);
      if (
        !run ||
        run.status !== 'running' ||
        run.chunks_done + run.chunks_failed < run.chunks_total
      )
        return null;
      const stats = await this.runs.doneChunkStats(runId, m);
      const status = run.chunks_failed > 0 ? 'failed' : 'completed';
      await this.runs.finish(m, runId, {
        status,
        at: this.clock.now(),
        stats,
        chunksFailed: run.chunks_failed,
      });
      this.logger.log(
        { runId, status, byTier: stats.byTier, transitions: stats.transitions },
        'run finished',
      );
      return status;
    });
  }
}
