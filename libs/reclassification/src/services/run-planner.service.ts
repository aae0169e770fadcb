import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, Clock, QueueName, regionLikePattern } from '@app/core';
import { ChunkJobData, chunkJobId, ReclassifyJob } from '../jobs';
import { runCondition, RunScope } from '../run-selection';
import { RunFinisher } from './run-finisher.service';
import { RunRow } from './run.view';
import { ChunkRange, RunRepository } from './run.repository';
import { EnterpriseIdReader } from '@app/registry';
import { AssessmentRepository } from '@app/risk';

type Chunk = ChunkRange;

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
    private readonly ids: EnterpriseIdReader,
    @InjectQueue(QueueName.Reclassify) private readonly queue: Queue<ChunkJobData>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly finisher: RunFinisher,
    private readonly assessments: AssessmentRepository,
    private readonly runs: RunRepository,
  ) {}

  async plan(runId: number): Promise<number> {
    const run = await this.runs.find(runId);
    if (!run || run.status === 'completed' || run.status === 'failed') return 0;

    let chunkCount = run.chunks_total;
    if (run.status === 'queued') {
      // Stamped before the selection reads, so a change made while they run is
      // at or after the start the next incremental run selects from.
      const startedAt = this.clock.now();
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
      await this.runs.startRunning(runId, chunks, {
        startedAt,
        changedSince,
      });
      chunkCount = chunks.length;
      this.logger.log({ runId, mode: run.mode, chunks: chunkCount }, 'run planned');
    }
    if (chunkCount === 0) {
      await this.finisher.finishIfDone(runId);
      return 0;
    }
    const pending = await this.runs.queuedChunkNos(runId);
    await this.queue.addBulk(
      pending.map((chunkNo) => ({
        name: ReclassifyJob.Chunk,
        data: { runId, chunkNo },
        opts: { jobId: chunkJobId(runId, chunkNo) },
      })),
    );
    return chunkCount;
  }

  /** Incremental runs re-score what changed since the last completed (stored) run covering this scope started. */
  private async lastCompletedStart(run: RunRow): Promise<Date> {
    return (await this.runs.lastCompletedStart(Number(run.id), run.region)) ?? EPOCH;
  }

  /** Keyset pages over the primary key: each page of ids is a chunk. */
  private async fullChunks(scope: RunScope): Promise<Chunk[]> {
    const size = this.config.env.RECLASSIFY_CHUNK_SIZE;
    const cond = runCondition(scope);
    const chunks: Chunk[] = [];
    for (let page = await this.ids.pageAfter(0, size, cond); page;) {
      chunks.push({ fromId: page.firstId, toId: page.lastId, size: page.size });
      page = page.size < size ? null : await this.ids.pageAfter(page.lastId, size, cond);
    }
    return chunks;
  }

  /**
   * The candidates through three index-friendly queries (inputs changed here;
   * review date come and assessed by another model, risk's), cut into chunks.
   */
  private async incrementalChunks(scope: RunScope): Promise<Chunk[]> {
    const region = scope.region ? ' AND e.region_code LIKE ?' : '';
    const rp = scope.region ? [regionLikePattern(scope.region)] : [];
    const live = "e.status <> 'CANCELLED'";
    const changed = await this.ids.changedSince(scope.changedSince ?? EPOCH, {
      sql: `${live}${region}`,
      params: rp,
    });
    const due = await this.assessments.dueForAssessment(scope.asOf, scope.modelHash, {
      sql: `${live}${region}`,
      params: rp,
    });
    const ids = new Set<number>([...changed, ...due]);
    const sorted = Float64Array.from(ids).sort();
    const size = this.config.env.RECLASSIFY_CHUNK_SIZE;
    const chunks: Chunk[] = [];
    for (let i = 0; i < sorted.length; i += size) {
      const end = Math.min(i + size, sorted.length) - 1;
      const ids = Array.from(sorted.subarray(i, end + 1));
      chunks.push({ fromId: sorted[i], toId: sorted[end], size: ids.length, ids });
    }
    return chunks;
  }
}
