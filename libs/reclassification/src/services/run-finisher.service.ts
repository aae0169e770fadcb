import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
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
  ) {}

  async finishIfDone(runId: number): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const run = await this.runs.lockProgress(m, runId);
      if (
        !run ||
        run.status !== 'running' ||
        run.chunks_done + run.chunks_failed < run.chunks_total
      )
        return false;
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
      return true;
    });
  }
}
