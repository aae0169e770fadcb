import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { parseJsonColumn } from '@app/risk';
import { emptyStats, mergeStats, RunStats } from '../run-stats';

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
    private readonly clock: Clock,
  ) {}

  async finishIfDone(runId: number): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const [run] = await m.query(
        `SELECT chunks_total, chunks_done, chunks_failed, status FROM reclassification_runs WHERE id = ? FOR UPDATE`,
        [runId],
      );
      if (
        !run ||
        run.status !== 'running' ||
        run.chunks_done + run.chunks_failed < run.chunks_total
      )
        return false;
      const chunks: { stats: unknown }[] = await m.query(
        "SELECT stats FROM reclassification_chunks WHERE run_id = ? AND status = 'done'",
        [runId],
      );
      const stats = chunks.reduce(
        (acc, c) => mergeStats(acc, parseJsonColumn<RunStats>(c.stats)),
        emptyStats(),
      );
      const status = run.chunks_failed > 0 ? 'failed' : 'completed';
      await m.query(
        `UPDATE reclassification_runs
            SET status = ?, active_key = NULL, finished_at = ?, by_tier = ?, transitions = ?,
                first_classified = ?, by_region = ?,
                error = IF(? > 0, CONCAT(?, ' chunk(s) failed after all retries'), NULL)
          WHERE id = ?`,
        [
          status,
          this.clock.now(),
          JSON.stringify(stats.byTier),
          JSON.stringify(stats.transitions),
          stats.firstClassified,
          JSON.stringify(stats.byRegion),
          run.chunks_failed,
          run.chunks_failed,
          runId,
        ],
      );
      this.logger.log(
        { runId, status, byTier: stats.byTier, transitions: stats.transitions },
        'run finished',
      );
      return true;
    });
  }
}
