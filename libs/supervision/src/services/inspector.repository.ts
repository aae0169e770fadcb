import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { regionLikePattern } from '@app/core';

export interface InspectorRow {
  id: number | string;
  name: string;
  region_code: string;
  active: number;
  created_at: Date;
}

export interface ConflictRow {
  id: number | string;
  inspector_id: number | string;
  uscc: string;
  reason: string;
  created_at: Date;
}

/** `inspectors` and `inspector_conflicts`: the pools and the conflicts declared in them. */
@Injectable()
export class InspectorRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(regionCode: string, name: string, active: boolean): Promise<number> {
    const { insertId } = await this.db.query(
      'INSERT INTO inspectors (region_code, name, active) VALUES (?, ?, ?)',
      [regionCode, name, active ? 1 : 0],
    );
    return Number(insertId);
  }

  async find(id: number): Promise<InspectorRow | undefined> {
    const [row]: InspectorRow[] = await this.db.query(
      'SELECT id, name, region_code, active, created_at FROM inspectors WHERE id = ?',
      [id],
    );
    return row;
  }

  async page(region: string, page: number, pageSize: number) {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT id, name, region_code, active, created_at FROM inspectors
          WHERE region_code LIKE ? ORDER BY id LIMIT ? OFFSET ?`,
        [regionLikePattern(region), pageSize, (page - 1) * pageSize],
      ) as Promise<InspectorRow[]>,
      this.db.query('SELECT COUNT(*) AS total FROM inspectors WHERE region_code LIKE ?', [
        regionLikePattern(region),
      ]),
    ]);
    return { rows, total: Number(total) };
  }

  async conflicts(inspectorId: number, page: number, pageSize: number) {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT id, inspector_id, uscc, reason, created_at FROM inspector_conflicts
          WHERE inspector_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
        [inspectorId, pageSize, (page - 1) * pageSize],
      ) as Promise<ConflictRow[]>,
      this.db.query('SELECT COUNT(*) AS total FROM inspector_conflicts WHERE inspector_id = ?', [
        inspectorId,
      ]),
    ]);
    return { rows, total: Number(total) };
  }

  /** The new conflict; a duplicate (same inspector and USCC) throws ER_DUP_ENTRY. */
  async insertConflict(inspectorId: number, uscc: string, reason: string): Promise<ConflictRow> {
    const { insertId } = await this.db.query(
      'INSERT INTO inspector_conflicts (inspector_id, uscc, reason) VALUES (?, ?, ?)',
      [inspectorId, uscc, reason],
    );
    const [row]: ConflictRow[] = await this.db.query(
      'SELECT id, inspector_id, uscc, reason, created_at FROM inspector_conflicts WHERE id = ?',
      [insertId],
    );
    return row;
  }
}
