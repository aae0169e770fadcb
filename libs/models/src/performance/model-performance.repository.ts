import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseJsonColumn } from '@app/core';
import { ModelPerformance } from './model-performance';

/** Stored performance measures, one per (model, region, window): the worker writes, the API reads. */
@Injectable()
export class ModelPerformanceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async save(p: ModelPerformance, runId: number | null): Promise<void> {
    await this.db.query(
      // REPLACE: a recomputation takes a new id, so the newest is the highest id
      // whatever the clocks say.
      `REPLACE INTO model_performance (model_version, region, window_from, window_to, run_id,
         result, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        p.modelVersion,
        p.region ?? '',
        p.window.from,
        p.window.to,
        runId,
        JSON.stringify(p),
        new Date(p.computedAt),
      ],
    );
  }

  /** The measure of that window and region, or the newest computed for the region when the window is not given. */
  async find(
    version: string,
    q: { region?: string; from?: string; to?: string },
  ): Promise<ModelPerformance | null> {
    const where = ['model_version = ?', 'region = ?'];
    const params: unknown[] = [version, q.region ?? ''];
    if (q.from) {
      where.push('window_from = ?');
      params.push(q.from);
    }
    if (q.to) {
      where.push('window_to = ?');
      params.push(q.to);
    }
    const [r] = await this.db.query(
      `SELECT result FROM model_performance WHERE ${where.join(' AND ')}
        ORDER BY id DESC LIMIT 1`,
      params,
    );
    return r ? parseJsonColumn<ModelPerformance>(r.result) : null;
  }
}
