import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A condition on `enterprises e` with its parameters (a run's selection). */
export interface EnterpriseCondition {
  sql: string;
  params: unknown[];
}

/** One keyset page of enterprise ids: the first and last id and how many. */
export interface IdPage {
  firstId: number;
  lastId: number;
  size: number;
}

/**
 * Enterprise ids for a run's planning: keyset pages over the primary key
 * (a full run's chunks) and the enterprises whose inputs changed since a time
 * (an incremental run's main source, on ix_enterprises_inputs_changed).
 */
@Injectable()
export class EnterpriseIdReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The next page of at most `size` ids after `after` meeting `where`; null past the last. */
  async pageAfter(after: number, size: number, where: EnterpriseCondition): Promise<IdPage | null> {
    const [page]: { first_id: string | null; last_id: string | null; n: string | number }[] =
      await this.db.query(
        `SELECT MIN(id) AS first_id, MAX(id) AS last_id, COUNT(*) AS n FROM (
           SELECT e.id FROM enterprises e WHERE e.id > ? AND ${where.sql} ORDER BY e.id LIMIT ?) page`,
        [after, ...where.params, size],
      );
    const n = Number(page.n);
    return n === 0
      ? null
      : { firstId: Number(page.first_id), lastId: Number(page.last_id), size: n };
  }

  /** Ids of enterprises whose inputs changed at or after `since`, meeting `where`. */
  async changedSince(since: Date, where: EnterpriseCondition): Promise<number[]> {
    const rows: { id: string | number }[] = await this.db.query(
      `SELECT e.id FROM enterprises e WHERE e.inputs_changed_at >= ? AND ${where.sql}`,
      [since, ...where.params],
    );
    return rows.map((r) => Number(r.id));
  }
}
