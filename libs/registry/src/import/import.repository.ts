import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, Clock } from '@app/core';
import { ImportTally, Rejection } from './import-item';
import { ImportRow, ImportSource, importView, ImportView } from './import.view';

/** Rejected lines kept per import (the count is always exact); enough to fix a file by. */
export const REJECTIONS_KEPT = 1000;
/** Rejected lines shown inline by GET /imports/:id; the rest are paged at …/rejections. */
export const REJECTIONS_SHOWN = 100;

/** Thrown when an import's checkpoint moved under us: another runner has it. */
export class ImportCheckpointConflict extends Error {}

/** The `imports` table: creation, the checkpoint, status changes, and reading back. */
@Injectable()
export class ImportRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(opts: {
    source: ImportSource;
    filePath: string;
    bytesTotal: number;
    requestedBy: string;
  }): Promise<number> {
    const res = await this.db.query(
      `INSERT INTO imports (status, source, file_path, bytes_total, requested_by, created_at)
       VALUES ('queued', ?, ?, ?, ?, ?)`,
      [opts.source, opts.filePath, opts.bytesTotal, opts.requestedBy, this.clock.now()],
    );
    return Number(res.insertId);
  }

  async row(id: number): Promise<ImportRow> {
    const rows: ImportRow[] = await this.db.query('SELECT * FROM imports WHERE id = ?', [id]);
    if (rows.length === 0) throw new NotFoundException(`import ${id} not found`);
    return rows[0];
  }

  async get(id: number): Promise<ImportView> {
    const row = await this.row(id);
    const rejections = await this.db.query(
      'SELECT line_no AS line, reason FROM import_rejections WHERE import_id = ? ORDER BY line_no LIMIT ?',
      [id, REJECTIONS_SHOWN],
    );
    return importView(row, rejections);
  }

  async rejections(
    id: number,
    page: number,
    pageSize: number,
  ): Promise<Page<Rejection> & { totalRejected: number }> {
    const row = await this.row(id);
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT line_no AS line, reason FROM import_rejections WHERE import_id = ?
          ORDER BY line_no LIMIT ? OFFSET ?`,
        [id, pageSize, (page - 1) * pageSize],
      ),
      this.db.query('SELECT COUNT(*) AS total FROM import_rejections WHERE import_id = ?', [id]),
    ]);
    return { items, page, pageSize, total: Number(total), totalRejected: row.rejected };
  }

  /** queued (or a running one being resumed) → running; returns the row to resume from. */
  async begin(id: number): Promise<ImportRow> {
    await this.db.query(
      `UPDATE imports SET status = 'running', started_at = COALESCE(started_at, ?)
        WHERE id = ? AND status IN ('queued', 'running')`,
      [this.clock.now(), id],
    );
    return this.row(id);
  }

  /**
   * Adds a batch's tally and moves the checkpoint, in the batch's transaction.
   * Guarded by the expected offset: if another runner already committed past
   * it, this throws and the caller's transaction (with the batch) rolls back.
   */
  async checkpoint(
    m: EntityManager,
    id: number,
    from: { offset: number; rejectedBefore: number },
    to: { offset: number; line: number },
    t: ImportTally,
  ): Promise<void> {
    const res = await m.query(
      `UPDATE imports SET lines_read = lines_read + ?, accepted = accepted + ?, rejected = rejected + ?,
              enterprises = enterprises + ?, records = records + ?, records_skipped = records_skipped + ?,
              persons = persons + ?, inputs_changed = inputs_changed + ?, next_offset = ?, next_line = ?
        WHERE id = ? AND next_offset = ? AND status = 'running'`,
      [
        t.lines,
        t.accepted,
        t.rejected.length,
        t.enterprises,
        t.records,
        t.recordsSkipped,
        t.persons,
        t.inputsChanged,
        to.offset,
        to.line,
        id,
        from.offset,
      ],
    );
    if (Number(res.affectedRows) !== 1)
      throw new ImportCheckpointConflict(`import ${id} moved past offset ${from.offset}`);
    const keep = t.rejected.slice(0, Math.max(0, REJECTIONS_KEPT - from.rejectedBefore));
    if (keep.length > 0)
      await m.query(
        `INSERT INTO import_rejections (import_id, line_no, reason) VALUES ?
         ON DUPLICATE KEY UPDATE reason = VALUES(reason)`,
        [keep.map((r) => [id, r.line, r.reason])],
      );
  }

  async complete(id: number): Promise<void> {
    await this.db.query(
      `UPDATE imports SET status = 'completed', finished_at = ? WHERE id = ? AND status = 'running'`,
      [this.clock.now(), id],
    );
  }

  async fail(id: number, error: string): Promise<void> {
    await this.db.query(
      `UPDATE imports SET status = 'failed', error = ?, finished_at = ?
        WHERE id = ? AND status IN ('queued', 'running')`,
      [error.slice(0, 1000), this.clock.now(), id],
    );
  }
}
