import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { AssessmentStore, AssessmentToStore, ModelCatalog, ProfileLoader } from '@app/risk';
import { evaluate } from '@app/scoring';
import { runCondition } from '../run-selection';
import { addOutcome, emptyStats } from '../run-stats';
import { RunFinisher } from './run-finisher.service';
import { RunRow } from './run-view';

export interface ChunkResult {
  skipped: boolean;
  processed: number;
  changed: number;
}

/**
 * Scores one chunk of a run: a handful of set queries to read its profiles,
 * scoring in memory, multi-row writes — all in one transaction together with
 * marking the chunk done and adding to the run's counters. A retried chunk
 * finds itself done and writes nothing; a chunk whose worker died rolls back.
 */
@Injectable()
export class ChunkRunner {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly profiles: ProfileLoader,
    private readonly models: ModelCatalog,
    private readonly store: AssessmentStore,
    private readonly finisher: RunFinisher,
    private readonly clock: Clock,
  ) {}

  async run(runId: number, chunkNo: number): Promise<ChunkResult> {
    // READ COMMITTED: no gap locks, so chunks inserting side by side never deadlock.
    const result = await this.db.transaction('READ COMMITTED', async (m): Promise<ChunkResult> => {
      const [chunk] = await m.query(
        'SELECT from_id, to_id, status FROM reclassification_chunks WHERE run_id = ? AND chunk_no = ? FOR UPDATE',
        [runId, chunkNo],
      );
      if (!chunk || chunk.status !== 'queued') return { skipped: true, processed: 0, changed: 0 };
      const [run]: RunRow[] = await m.query('SELECT * FROM reclassification_runs WHERE id = ?', [
        runId,
      ]);
      const model = this.models.get(run.model_version);
      const fromId = Number(chunk.from_id);
      const toId = Number(chunk.to_id);
      const scope = {
        mode: run.mode,
        region: run.region,
        asOf: run.as_of,
        modelHash: run.model_hash,
        changedSince: run.changed_since,
      };
      const profiles = await this.profiles.load({ fromId, toId, where: runCondition(scope) }, m);

      const items: AssessmentToStore[] = [];
      for (const p of profiles) {
        const assessment = evaluate(p, model, run.as_of);
        if (assessment) items.push({ assessment, regionCode: p.regionCode });
      }
      const outcomes = await this.store.store(
        items,
        { trigger: `run:${runId}`, runId, now: this.clock.now(), dryRun: Boolean(run.dry_run) },
        m,
      );
      if (!run.dry_run && run.mode === 'full') {
        await this.store.removeCurrentOfCancelled(fromId, toId, m);
      }
      const stats = emptyStats();
      // Outcomes come in the order of the items stored.
      outcomes.forEach((o, i) => addOutcome(stats, { ...o, regionCode: items[i].regionCode }));
      const changed = stats.changed;
      await m.query(
        `UPDATE reclassification_chunks SET status = 'done', processed = ?, changed = ?, stats = ?, finished_at = ?
          WHERE run_id = ? AND chunk_no = ?`,
        [outcomes.length, changed, JSON.stringify(stats), this.clock.now(), runId, chunkNo],
      );
      await m.query(
        `UPDATE reclassification_runs SET processed = processed + ?, changed = changed + ?, chunks_done = chunks_done + 1
          WHERE id = ?`,
        [outcomes.length, changed, runId],
      );
      return { skipped: false, processed: outcomes.length, changed };
    });
    await this.finisher.finishIfDone(runId);
    return result;
  }

  /** After the last retry failed: the chunk counts as failed so the run can still finish. */
  async markFailed(runId: number, chunkNo: number, reason: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [chunk] = await m.query(
        'SELECT from_id, to_id, status FROM reclassification_chunks WHERE run_id = ? AND chunk_no = ? FOR UPDATE',
        [runId, chunkNo],
      );
      if (!chunk || chunk.status !== 'queued') return;
      const [{ n }] = await m.query(
        `SELECT COUNT(*) AS n FROM enterprises WHERE id BETWEEN ? AND ? AND status <> 'CANCELLED'`,
        [chunk.from_id, chunk.to_id],
      );
      await m.query(
        "UPDATE reclassification_chunks SET status = 'failed', stats = ?, finished_at = ? WHERE run_id = ? AND chunk_no = ?",
        [JSON.stringify({ error: reason.slice(0, 500) }), this.clock.now(), runId, chunkNo],
      );
      await m.query(
        'UPDATE reclassification_runs SET failed = failed + ?, chunks_failed = chunks_failed + 1 WHERE id = ?',
        [Number(n), runId],
      );
    });
    await this.finisher.finishIfDone(runId);
  }
}
