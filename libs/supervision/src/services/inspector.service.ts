import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Caller,
  canSeeRegion,
  effectiveRegion,
  isDuplicateKey,
  normalizeJurisdiction,
  Page,
  regionLikePattern,
} from '@app/core';
import { CreateInspectorDto } from '../dto/create-inspector.dto';
import { DeclareConflictDto } from '../dto/declare-conflict.dto';

export interface InspectorView {
  id: number;
  name: string;
  regionCode: string;
  active: boolean;
  createdAt: string;
}

export interface ConflictView {
  id: number;
  inspectorId: number;
  uscc: string;
  reason: string;
  createdAt: string;
}

interface InspectorRow {
  id: number | string;
  name: string;
  region_code: string;
  active: number;
  created_at: Date;
}

function inspectorView(r: InspectorRow): InspectorView {
  return {
    id: Number(r.id),
    name: r.name,
    regionCode: r.region_code,
    active: Boolean(r.active),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

interface ConflictRow {
  id: number | string;
  inspector_id: number | string;
  uscc: string;
  reason: string;
  created_at: Date;
}

function conflictView(r: ConflictRow): ConflictView {
  return {
    id: Number(r.id),
    inspectorId: Number(r.inspector_id),
    uscc: r.uscc,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The admin-managed inspector pools (执法检查人员名录库) and their declared conflicts. */
@Injectable()
export class InspectorService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(dto: CreateInspectorDto): Promise<InspectorView> {
    // Stored normalised: the pool reader matches `plan region LIKE region_code%`.
    const result: { insertId: number } = await this.db.query(
      'INSERT INTO inspectors (region_code, name, active) VALUES (?, ?, ?)',
      [normalizeJurisdiction(dto.regionCode), dto.name, dto.active === false ? 0 : 1],
    );
    return this.get(result.insertId);
  }

  async get(id: number): Promise<InspectorView> {
    const rows: InspectorRow[] = await this.db.query(
      'SELECT id, name, region_code, active, created_at FROM inspectors WHERE id = ?',
      [id],
    );
    if (rows.length === 0) throw new NotFoundException(`inspector ${id} not found`);
    return inspectorView(rows[0]);
  }

  /** Admins see every pool; regulators the inspectors inside their jurisdiction. */
  async list(
    caller: Caller,
    q: { region?: string; page: number; pageSize: number },
  ): Promise<Page<InspectorView>> {
    const region = effectiveRegion(caller, q.region);
    if (region === null) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT id, name, region_code, active, created_at FROM inspectors
          WHERE region_code LIKE ? ORDER BY id LIMIT ? OFFSET ?`,
        [regionLikePattern(region), q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.db.query('SELECT COUNT(*) AS total FROM inspectors WHERE region_code LIKE ?', [
        regionLikePattern(region),
      ]),
    ]);
    return {
      items: (rows as InspectorRow[]).map(inspectorView),
      page: q.page,
      pageSize: q.pageSize,
      total: Number(total),
    };
  }

  /**
   * The conflicts declared for one inspector, newest first. A regulator sees
   * those of inspectors inside its jurisdiction; another is 404, as for plans.
   */
  async conflicts(
    caller: Caller,
    inspectorId: number,
    q: { page: number; pageSize: number },
  ): Promise<Page<ConflictView>> {
    const inspector = await this.get(inspectorId);
    if (!canSeeRegion(caller, inspector.regionCode)) {
      throw new NotFoundException(`inspector ${inspectorId} not found`);
    }
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT id, inspector_id, uscc, reason, created_at FROM inspector_conflicts
          WHERE inspector_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
        [inspectorId, q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.db.query('SELECT COUNT(*) AS total FROM inspector_conflicts WHERE inspector_id = ?', [
        inspectorId,
      ]),
    ]);
    return {
      items: (rows as ConflictRow[]).map(conflictView),
      page: q.page,
      pageSize: q.pageSize,
      total: Number(total),
    };
  }

  /** 404 for an unknown inspector, 409 if the same conflict is already declared. */
  async declareConflict(inspectorId: number, dto: DeclareConflictDto): Promise<ConflictView> {
    await this.get(inspectorId);
    let insertId: number;
    try {
      ({ insertId } = await this.db.query(
        'INSERT INTO inspector_conflicts (inspector_id, uscc, reason) VALUES (?, ?, ?)',
        [inspectorId, dto.uscc, dto.reason],
      ));
    } catch (err) {
      if (isDuplicateKey(err)) {
        throw new ConflictException(
          `inspector ${inspectorId} already has a declared conflict with ${dto.uscc}`,
        );
      }
      throw err;
    }
    const [row] = await this.db.query(
      'SELECT id, inspector_id, uscc, reason, created_at FROM inspector_conflicts WHERE id = ?',
      [insertId],
    );
    return conflictView(row as ConflictRow);
  }
}
