import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  Caller,
  canSeeRegion,
  Clock,
  effectiveRegion,
  isDuplicateKey,
  normalizeJurisdiction,
  Page,
  QueueName,
  regionLikePattern,
} from '@app/core';

import { ModelCatalog, parseJsonColumn } from '@app/risk';
import { StartRunDto } from '../dto/start-run.dto';
import { planJobId, ReclassifyJob } from '../jobs';
import { emptyStats, mergeStats, RunStats } from '../run-stats';
import { RunRow, runView } from './run-view';

/** Starts runs and reads them back. The work itself happens in the worker's chunk jobs. */
@Injectable()
export class RunService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Reclassify) private readonly queue: Queue,
    private readonly models: ModelCatalog,
    private readonly clock: Clock,
  ) {}

  /** 409 when a run for the same as-of date, mode and region is queued or running. */
  async start(dto: StartRunDto, requestedBy: string) {
    const model = this.models.get(dto.modelVersion);
    const asOf = dto.asOf ?? this.clock.today();
    // Normalised, so `330100` and `3301` are the same run (active key, selection).
    const region = dto.region ? normalizeJurisdiction(dto.region) : '';
    const dryRun = dto.dryRun ?? false;
    const activeKey = `${asOf}:${dto.mode}:${region}:${dryRun ? 'dry' : 'real'}`;
    let id: number;
    try {
      const res = await this.db.query(
        `INSERT INTO reclassification_runs
           (mode, model_version, model_hash, region, as_of, dry_run, status, active_key, requested_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
        [
          dto.mode,
          model.version,
          model.hash,
          region,
          asOf,
          dryRun,
          activeKey,
          requestedBy,
          this.clock.now(),
        ],
      );
      id = Number(res.insertId);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      throw new ConflictException(
        `a ${dto.mode} run as of ${asOf}${region ? ` for ${region}` : ''} is already queued or running`,
      );
    }
    await this.queue.add(ReclassifyJob.Plan, { runId: id }, { jobId: planJobId(id) });
    return this.get(id);
  }

  /**
   * A run limited to a region is visible inside that region's jurisdiction
   * only (404 elsewhere); a national run (no region) to every regulator.
   * Without a caller (the CLI, internal callers) every run is visible.
   */
  async get(id: number, caller?: Caller) {
    const rows: RunRow[] = await this.db.query('SELECT * FROM reclassification_runs WHERE id = ?', [
      id,
    ]);
    const hidden = caller && rows[0]?.region && !canSeeRegion(caller, rows[0].region);
    if (rows.length === 0 || hidden) {
      throw new NotFoundException(`reclassification run ${id} not found`);
    }
    const run = rows[0];
    return runView(
      run,
      run.status === 'running' ? await this.liveStats(id) : undefined,
      // A regulator reads the counts of its own jurisdiction.
      caller ? (effectiveRegion(caller) ?? undefined) : undefined,
    );
  }

  async list(
    caller: Caller,
    q: { page: number; pageSize: number; status?: string; dryRun?: boolean; covering?: boolean },
  ): Promise<Page<ReturnType<typeof runView>>> {
    const { page, pageSize } = q;
    const own = effectiveRegion(caller);
    if (own === null) return { items: [], page, pageSize, total: 0 };
    // National runs, and regional ones inside the caller's jurisdiction (as in get).
    const where = ["(region = '' OR region LIKE ?)"];
    const params: unknown[] = [regionLikePattern(own)];
    if (q.covering) {
      // …of which those covering all of it: national, or of a region containing the caller's.
      where.push("(region = '' OR ? LIKE CONCAT(region, '%'))");
      params.push(own);
    }
    if (q.status) {
      where.push('status = ?');
      params.push(q.status);
    }
    if (q.dryRun !== undefined) {
      where.push('dry_run = ?');
      params.push(q.dryRun ? 1 : 0);
    }
    const sql = `FROM reclassification_runs WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT * ${sql} ORDER BY id DESC LIMIT ? OFFSET ?`, [
        ...params,
        pageSize,
        (page - 1) * pageSize,
      ]),
      this.db.query(`SELECT COUNT(*) AS total ${sql}`, params),
    ]);
    return {
      items: rows.map((r: RunRow) => runView(r, undefined, own)),
      page,
      pageSize,
      total: Number(total),
    };
  }

  /** Statistics of the chunks done so far, for a run in progress. */
  private async liveStats(id: number): Promise<RunStats> {
    const chunks: { stats: unknown }[] = await this.db.query(
      "SELECT stats FROM reclassification_chunks WHERE run_id = ? AND status = 'done'",
      [id],
    );
    return chunks.reduce(
      (acc, c) => mergeStats(acc, parseJsonColumn<RunStats>(c.stats)),
      emptyStats(),
    );
  }
}
