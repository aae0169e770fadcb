import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseJsonColumn, regionLikePattern } from '@app/core';
import { emptyStats, mergeStats, RunStats } from '../run-stats';
import { RunRow } from './run.view';
import { ScoreDistribution } from '../score-distribution';

/** What a new run row holds; the rest starts empty. */
export interface NewRun {
  mode: RunRow['mode'];
  modelVersion: string;
  modelHash: string;
  region: string;
  asOf: string;
  dryRun: boolean;
  activeKey: string;
  requestedBy: string;
  createdAt: Date;
}

/** A primary-key range of enterprises a chunk scores; an incremental run's chunk also lists them. */
export interface ChunkRange {
  fromId: number;
  toId: number;
  size: number;
  ids?: number[];
}

export interface RunFilter {
  /** Runs visible inside this jurisdiction prefix: national ones and regional ones inside it. */
  within: string;
  /** …of which those covering all of it. */
  covering?: boolean;
  status?: string;
  dryRun?: boolean;
}

export interface RunSnapshotRow {
  mode: RunRow['mode'];
  status: RunRow['status'];
  total: number;
  processed: number;
  changed: number;
  failed: number;
  started_at: Date | null;
  finished_at: Date | null;
}

/**
 * `reclassification_runs` and `reclassification_chunks`: every statement on
 * them, for the services that start, plan, score, finish, recover and read
 * runs, and for `/metrics`. Methods taking an EntityManager run inside the
 * caller's transaction.
 */
@Injectable()
export class RunRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The new run's id; a duplicate `active_key` (a twin queued or running) throws ER_DUP_ENTRY. */
  async insert(r: NewRun): Promise<number> {
    const res = await this.db.query(
      `INSERT INTO reclassification_runs
         (mode, model_version, model_hash, region, as_of, dry_run, status, active_key, requested_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
      [
        r.mode,
        r.modelVersion,
        r.modelHash,
        r.region,
        r.asOf,
        r.dryRun,
        r.activeKey,
        r.requestedBy,
        r.createdAt,
      ],
    );
    return Number(res.insertId);
  }

  async find(id: number, m: EntityManager = this.db.manager): Promise<RunRow | undefined> {
    const [run]: RunRow[] = await m.query('SELECT * FROM reclassification_runs WHERE id = ?', [id]);
    return run;
  }

  async page(f: RunFilter, page: number, pageSize: number) {
    const where = ["(region = '' OR region LIKE ?)"];
    const params: unknown[] = [regionLikePattern(f.within)];
    if (f.covering) {
      where.push("(region = '' OR ? LIKE CONCAT(region, '%'))");
      params.push(f.within);
    }
    if (f.status) {
      where.push('status = ?');
      params.push(f.status);
    }
    if (f.dryRun !== undefined) {
      where.push('dry_run = ?');
      params.push(f.dryRun ? 1 : 0);
    }
    const sql = `FROM reclassification_runs WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT * ${sql} ORDER BY id DESC LIMIT ? OFFSET ?`, [
        ...params,
        pageSize,
        (page - 1) * pageSize,
      ]) as Promise<RunRow[]>,
      this.db.query(`SELECT COUNT(*) AS total ${sql}`, params),
    ]);
    return { rows, total: Number(total) };
  }

  /** Queued and running runs: what recovery re-queues. */
  async unfinished(): Promise<{ id: number; status: RunRow['status'] }[]> {
    const rows: { id: string | number; status: RunRow['status'] }[] = await this.db.query(
      "SELECT id, status FROM reclassification_runs WHERE status IN ('queued', 'running')",
    );
    return rows.map((r) => ({ id: Number(r.id), status: r.status }));
  }

  /** When the last completed, stored run covering `region` started (null: none yet). */
  async lastCompletedStart(exceptId: number, region: string): Promise<Date | null> {
    const rows: { started_at: Date }[] = await this.db.query(
      `SELECT started_at FROM reclassification_runs
        WHERE status = 'completed' AND dry_run = 0 AND id <> ? AND (region = '' OR ? LIKE CONCAT(region, '%'))
        ORDER BY started_at DESC LIMIT 1`,
      [exceptId, region],
    );
    return rows[0]?.started_at ?? null;
  }

  /** Records a queued run's chunks and moves it to running; a run no longer queued is left alone. */
  async startRunning(
    runId: number,
    chunks: ChunkRange[],
    at: { startedAt: Date; changedSince: Date | null },
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      if (chunks.length) {
        await m.query(
          'INSERT INTO reclassification_chunks (run_id, chunk_no, from_id, to_id, size, ids, status) VALUES ?',
          [
            chunks.map((c, i) => [
              runId,
              i,
              c.fromId,
              c.toId,
              c.size,
              c.ids ? JSON.stringify(c.ids) : null,
              'queued',
            ]),
          ],
        );
      }
      await m.query(
        `UPDATE reclassification_runs SET status = 'running', started_at = ?, changed_since = ?, total = ?, chunks_total = ?
          WHERE id = ? AND status = 'queued'`,
        [
          at.startedAt,
          at.changedSince,
          chunks.reduce((n, c) => n + c.size, 0),
          chunks.length,
          runId,
        ],
      );
    });
  }

  async queuedChunkNos(runId: number): Promise<number[]> {
    const rows: { chunk_no: number }[] = await this.db.query(
      "SELECT chunk_no FROM reclassification_chunks WHERE run_id = ? AND status = 'queued' ORDER BY chunk_no",
      [runId],
    );
    return rows.map((r) => r.chunk_no);
  }

  /** The chunk's range while it is still queued, locked for the caller's transaction; else undefined. */
  async lockQueuedChunk(
    m: EntityManager,
    runId: number,
    chunkNo: number,
  ): Promise<ChunkRange | undefined> {
    const [chunk] = await m.query(
      'SELECT from_id, to_id, size, ids, status FROM reclassification_chunks WHERE run_id = ? AND chunk_no = ? FOR UPDATE',
      [runId, chunkNo],
    );
    if (!chunk || chunk.status !== 'queued') return undefined;
    // Chunks planned before sizes were kept (an upgrade mid-run) count 0.
    const ids = chunk.ids == null ? undefined : parseJsonColumn<number[]>(chunk.ids);
    return {
      fromId: Number(chunk.from_id),
      toId: Number(chunk.to_id),
      size: Number(chunk.size ?? 0),
      ...(ids ? { ids } : {}),
    };
  }

  /** Marks the chunk done with its statistics and adds them to the run's counters. */
  async completeChunk(
    m: EntityManager,
    runId: number,
    chunkNo: number,
    done: { processed: number; stats: RunStats; at: Date },
  ): Promise<void> {
    await m.query(
      `UPDATE reclassification_chunks SET status = 'done', processed = ?, changed = ?, stats = ?, finished_at = ?
        WHERE run_id = ? AND chunk_no = ?`,
      [done.processed, done.stats.changed, JSON.stringify(done.stats), done.at, runId, chunkNo],
    );
    await m.query(
      `UPDATE reclassification_runs SET processed = processed + ?, changed = changed + ?, chunks_done = chunks_done + 1
        WHERE id = ?`,
      [done.processed, done.stats.changed, runId],
    );
  }

  /** Marks the chunk failed and counts its enterprises as failed in the run. */
  async failChunk(
    m: EntityManager,
    runId: number,
    chunkNo: number,
    failed: { enterprises: number; reason: string; at: Date },
  ): Promise<void> {
    await m.query(
      "UPDATE reclassification_chunks SET status = 'failed', stats = ?, finished_at = ? WHERE run_id = ? AND chunk_no = ?",
      [JSON.stringify({ error: failed.reason.slice(0, 500) }), failed.at, runId, chunkNo],
    );
    await m.query(
      'UPDATE reclassification_runs SET failed = failed + ?, chunks_failed = chunks_failed + 1 WHERE id = ?',
      [failed.enterprises, runId],
    );
  }

  /** The run's chunk counters and status, locked so exactly one caller finishes it. */
  async lockProgress(m: EntityManager, runId: number) {
    const [run]: Pick<RunRow, 'chunks_total' | 'chunks_done' | 'chunks_failed' | 'status'>[] =
      await m.query(
        'SELECT chunks_total, chunks_done, chunks_failed, status FROM reclassification_runs WHERE id = ? FOR UPDATE',
        [runId],
      );
    return run;
  }

  /** The statistics of the chunks done so far, merged. */
  async doneChunkStats(runId: number, m: EntityManager = this.db.manager): Promise<RunStats> {
    const chunks: { stats: unknown }[] = await m.query(
      "SELECT stats FROM reclassification_chunks WHERE run_id = ? AND status = 'done'",
      [runId],
    );
    return chunks.reduce(
      (acc, c) => mergeStats(acc, parseJsonColumn<RunStats>(c.stats)),
      emptyStats(),
    );
  }

  /** Closes the run with its final statistics and frees its active key for a twin. */
  async finish(
    m: EntityManager,
    runId: number,
    f: { status: 'completed' | 'failed'; at: Date; stats: RunStats; chunksFailed: number },
  ): Promise<void> {
    await m.query(
      `UPDATE reclassification_runs
          SET status = ?, active_key = NULL, finished_at = ?, by_tier = ?, transitions = ?,
              first_classified = ?, by_region = ?, distribution = ?,
              error = IF(? > 0, CONCAT(?, ' chunk(s) failed after all retries'), NULL)
        WHERE id = ?`,
      [
        f.status,
        f.at,
        JSON.stringify(f.stats.byTier),
        JSON.stringify(f.stats.transitions),
        f.stats.firstClassified,
        JSON.stringify(f.stats.byRegion),
        JSON.stringify(f.stats.distribution),
        f.chunksFailed,
        f.chunksFailed,
        runId,
      ],
    );
  }

  /**
   * A completed run's scope and score distribution, and those of the
   * previous completed run of the same scope (mode, region, model, dry or
   * real): the two a drift measure compares.
   */
  async withPreviousOfScope(runId: number): Promise<{
    run: RunDistribution | null;
    previous: RunDistribution | null;
  }> {
    const columns = `id, mode, region, model_version, dry_run, as_of, status, distribution`;
    const [row] = await this.db.query(`SELECT ${columns} FROM reclassification_runs WHERE id = ?`, [
      runId,
    ]);
    if (!row) return { run: null, previous: null };
    const [prev] = await this.db.query(
      `SELECT ${columns} FROM reclassification_runs
        WHERE mode = ? AND region = ? AND model_version = ? AND dry_run = ?
          AND status = 'completed' AND id < ? AND distribution IS NOT NULL
        ORDER BY id DESC LIMIT 1`,
      [row.mode, row.region, row.model_version, row.dry_run, runId],
    );
    return { run: runDistribution(row), previous: prev ? runDistribution(prev) : null };
  }

  /**
   * For `/metrics`: the active runs (index on status) and the newest finished
   * run of each mode (primary key, newest first); a few rows.
   */
  async snapshot(): Promise<RunSnapshotRow[]> {
    const columns = 'mode, status, total, processed, changed, failed, started_at, finished_at';
    return this.db.query(`
      (SELECT ${columns} FROM reclassification_runs WHERE status IN ('queued', 'running'))
      UNION ALL
      (SELECT ${columns} FROM reclassification_runs
        WHERE mode = 'full' AND status IN ('completed', 'failed') ORDER BY id DESC LIMIT 1)
      UNION ALL
      (SELECT ${columns} FROM reclassification_runs
        WHERE mode = 'incremental' AND status IN ('completed', 'failed') ORDER BY id DESC LIMIT 1)`);
  }
}

/** A run as drift and performance read it. */
export interface RunDistribution {
  id: number;
  mode: RunRow['mode'];
  region: string;
  modelVersion: string;
  dryRun: boolean;
  asOf: string;
  status: RunRow['status'];
  /** null for runs finished before distributions were kept, or not finished. */
  distribution: ScoreDistribution | null;
}

function runDistribution(r: Record<string, unknown>): RunDistribution {
  return {
    id: Number(r.id),
    mode: r.mode as RunRow['mode'],
    region: r.region as string,
    modelVersion: r.model_version as string,
    dryRun: Boolean(Number(r.dry_run)),
    asOf: String(r.as_of).slice(0, 10),
    status: r.status as RunRow['status'],
    distribution:
      r.distribution == null ? null : parseJsonColumn<ScoreDistribution>(r.distribution),
  };
}
