import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, QueueName, regionLikePattern } from '@app/core';
import { ChunkJobData, chunkJobId, ReclassifyJob } from '../jobs';
import { runCondition, RunScope } from '../run-selection';
import { RunFinisher } from './run-finisher.service';
import { RunRow } from './run-view';
import { AssessmentStore } from '@app/risk';

interface Chunk {
  fromId: number;
  toId: number;
  size: number;
}

/** The beginning of time for a first incremental run: everything counts as changed. */
const EPOCH = new Date(0);

/**
 * Splits a run into primary-key ranges of at most RECLASSIFY_CHUNK_SIZE
 * enterprises, records them, and queues one job per range. Idempotent: a
 * retried plan job finds the chunks recorded and only re-adds their jobs
 * (deterministic job ids make that a no-op for jobs that exist).
 */
@Injectable()
export class RunPlanner {
  private readonly logger = new Logger(RunPlanner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Reclassify) private readonly queue: Queue<ChunkJobData>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly finisher: RunFinisher,
    private readonly assessments: AssessmentStore,
  ) {}

  async plan(runId: number): Promise<number> {
    const [run]: RunRow[] = await this.db.query(
      'SELECT * FROM reclassification_runs WHERE id = ?',
      [runId],
    );
    if (!run || run.status === 'completed' || run.status === 'failed') return 0;

    let chunkCount = run.chunks_total;
    if (run.status === 'queued') {
      const changedSince = run.mode === 'incremental' ? await this.lastCompletedStart(run) : null;
      const scope: RunScope = {
        mode: run.mode,
        region: run.region,
        asOf: run.as_of,
        modelHash: run.model_hash,
        changedSince,
      };
      const chunks =
        run.mode === 'full' ? await this.fullChunks(scope) : await this.incrementalChunks(scope);
      await this.db.transaction(async (m) => {
        if (chunks.length) {
          await m.query(
            'INSERT INTO reclassification_chunks (run_id, chunk_no, from_id, to_id, status) VALUES ?',
            [chunks.map((c, i) => [runId, i, c.fromId, c.toId, 'queued'])],
          );
        }
        await m.query(
          `UPDATE reclassification_runs SET status = 'running', started_at = ?, changed_since = ?, total = ?, chunks_total = ?
            WHERE id = ? AND status = 'queued'`,
          [
            this.clock.now(),
            changedSince,
            chunks.reduce((n, c) => n + c.size, 0),
            chunks.length,
            runId,
          ],
        );
      });
      chunkCount = chunks.length;
      this.logger.log({ runId, mode: run.mode, chunks: chunkCount }, 'run planned');
    }
    if (chunkCount === 0) {
      await this.finisher.finishIfDone(runId);
      return 0;
    }
    const pending: { chunk_no: number }[] = await this.db.query(
      "SELECT chunk_no FROM reclassification_chunks WHERE run_id = ? AND status = 'queued' ORDER BY chunk_no",
      [runId],
    );
    await this.queue.addBulk(
      pending.map((c) => ({
        name: ReclassifyJob.Chunk,
        data: { runId, chunkNo: c.chunk_no },
        opts: { jobId: chunkJobId(runId, c.chunk_no) },
      })),
    );
    return chunkCount;
  }

  /** Incremental runs re-score what changed since the last completed (stored) run covering this scope started. */
  private async lastCompletedStart(run: RunRow): Promise<Date> {
    const rows: { started_at: Date }[] = await this.db.query(
      `SELECT started_at FROM reclassification_runs
        WHERE status = 'completed' AND dry_run = 0 AND id <> ? AND (region = '' OR ? LIKE CONCAT(region, '%'))
        ORDER BY started_at DESC LIMIT 1`,
      [run.id, run.region],
    );
    return rows[0]?.started_at ?? EPOCH;
  }

  /** Keyset pages over the primary key: each page of ids is a chunk. */
  private async fullChunks(scope: RunScope): Promise<Chunk[]> {
    const size = this.config.env.RECLASSIFY_CHUNK_SIZE;
    const cond = runCondition(scope);
    const chunks: Chunk[] = [];
    let after = 0;
    for (;;) {
      const [page]: { first_id: string | null; last_id: string | null; n: string | number }[][] = [
        await this.db.query(
          `SELECT MIN(id) AS first_id, MAX(id) AS last_id, COUNT(*) AS n FROM (
             SELECT e.id FROM enterprises e WHERE e.id > ? AND ${cond.sql} ORDER BY e.id LIMIT ?) page`,
          [after, ...cond.params, size],
        ),
      ];
      const n = Number(page[0].n);
      if (n === 0) break;
      chunks.push({ fromId: Number(page[0].first_id), toId: Number(page[0].last_id), size: n });
      after = Number(page[0].last_id);
      if (n < size) break;
    }
    return chunks;
  }

  /**
   * The candidates through three index-friendly queries (inputs changed here;
   * review date come and no current assessment by this model, risk's), cut
   * into chunks.
   */
  private async incrementalChunks(scope: RunScope): Promise<Chunk[]> {
    const region = scope.region ? ' AND e.region_code LIKE ?' : '';
    const rp = scope.region ? [regionLikePattern(scope.region)] : [];
    const live = "e.status <> 'CANCELLED'";
    const changed: { id: string | number }[] = await this.db.query(
      `SELECT e.id FROM enterprises e WHERE e.inputs_changed_at >= ? AND ${live}${region}`,
      [scope.changedSince ?? EPOCH, ...rp],
    );
    const due = await this.assessments.dueForAssessment(scope.asOf, scope.modelHash, {
      sql: `${live}${region}`,
      params: rp,
    });
    const ids = new Set<number>([...changed.map((r) => Number(r.id)), ...due]);
    const sorted = Float64Array.from(ids).sort();
    const size = this.config.env.RECLASSIFY_CHUNK_SIZE;
    const chunks: Chunk[] = [];
    for (let i = 0; i < sorted.length; i += size) {
      const end = Math.min(i + size, sorted.length) - 1;
      chunks.push({ fromId: sorted[i], toId: sorted[end], size: end - i + 1 });
    }
    return chunks;
  }
}
