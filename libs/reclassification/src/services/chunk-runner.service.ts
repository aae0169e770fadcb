import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { ProfileReader } from '@app/registry';
import { AssessmentRepository, AssessmentToStore, ModelCatalog } from '@app/risk';
import { evaluate } from '@app/scoring';
import { runCondition } from '../run-selection';
import { addOutcome, emptyStats } from '../run-stats';
import { addAssessment } from '../score-distribution';
import { RunFinisher } from './run-finisher.service';
import { RunRepository } from './run.repository';

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
    private readonly profiles: ProfileReader,
    private readonly models: ModelCatalog,
    private readonly store: AssessmentRepository,
    private readonly finisher: RunFinisher,
    private readonly runs: RunRepository,
    private readonly clock: Clock,
  ) {}

  async run(runId: number, chunkNo: number): Promise<ChunkResult> {
    // READ COMMITTED: no gap locks, so chunks inserting side by side never deadlock.
    const result = await this.db.transaction('READ COMMITTED', async (m): Promise<ChunkResult> => {
      const chunk = await this.runs.lockQueuedChunk(m, runId, chunkNo);
      if (!chunk) return { skipped: true, processed: 0, changed: 0 };
      const run = (await this.runs.find(runId, m))!;
      const model = this.models.get(run.model_version);
      const { fromId, toId } = chunk;
      const scope = {
        mode: run.mode,
        region: run.region,
        asOf: run.as_of,
        modelHash: run.model_hash,
        changedSince: run.changed_since,
      };
      const where = runCondition(scope);
      // An incremental chunk names its enterprises; a full one is a dense range.
      const profiles = await this.profiles.load(
        chunk.ids ? { ids: chunk.ids, where } : { fromId, toId, where },
        m,
      );

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
      for (const { assessment } of items) addAssessment(stats.distribution, assessment);
      await this.runs.completeChunk(m, runId, chunkNo, {
        processed: outcomes.length,
        stats,
        at: this.clock.now(),
      });
      return { skipped: false, processed: outcomes.length, changed: stats.changed };
    });
    await this.finisher.finishIfDone(runId);
    return result;
  }

  /** After the last retry failed: the chunk counts as failed so the run can still finish. */
  async markFailed(runId: number, chunkNo: number, reason: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const chunk = await this.runs.lockQueuedChunk(m, runId, chunkNo);
      if (!chunk) return;
      await this.runs.failChunk(m, runId, chunkNo, {
        enterprises: chunk.size,
        reason,
        at: this.clock.now(),
      });
    });
    await this.finisher.finishIfDone(runId);
  }
}
