import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  Caller,
  canSeeRegion,
  effectiveRegion,
  isDuplicateKey,
  normalizeJurisdiction,
  Page,
} from '@app/core';
import { CreateInspectorDto } from '../dto/create-inspector.dto';
import { DeclareConflictDto } from '../dto/declare-conflict.dto';
import { ConflictRow, InspectorRow, InspectorRepository } from './inspector.repository';

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

function inspectorView(r: InspectorRow): InspectorView {
  return {
    id: Number(r.id),
    name: r.name,
    regionCode: r.region_code,
    active: Boolean(r.active),
    createdAt: new Date(r.created_at).toISOString(),
  };
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
  constructor(private readonly inspectors: InspectorRepository) {}

  async create(dto: CreateInspectorDto): Promise<InspectorView> {
    // Stored normalised: the pool reader matches `plan region LIKE region_code%`.
    const id = await this.inspectors.insert(
      normalizeJurisdiction(dto.regionCode),
      dto.name,
      dto.active !== false,
    );
    return this.get(id);
  }

  async get(id: number): Promise<InspectorView> {
    const row = await this.inspectors.find(id);
    if (!row) throw new NotFoundException(`inspector ${id} not found`);
    return inspectorView(row);
  }

  /** Admins see every pool; regulators the inspectors inside their jurisdiction. */
  async list(
    caller: Caller,
    q: { region?: string; page: number; pageSize: number },
  ): Promise<Page<InspectorView>> {
    const region = effectiveRegion(caller, q.region);
    if (region === null) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
    const { rows, total } = await this.inspectors.page(region, q.page, q.pageSize);
    return { items: rows.map(inspectorView), page: q.page, pageSize: q.pageSize, total };
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
    const { rows, total } = await this.inspectors.conflicts(inspectorId, q.page, q.pageSize);
    return { items: rows.map(conflictView), page: q.page, pageSize: q.pageSize, total };
  }

  /** 404 for an unknown inspector, 409 if the same conflict is already declared. */
  async declareConflict(inspectorId: number, dto: DeclareConflictDto): Promise<ConflictView> {
    await this.get(inspectorId);
    try {
      return conflictView(await this.inspectors.insertConflict(inspectorId, dto.uscc, dto.reason));
    } catch (err) {
      if (isDuplicateKey(err)) {
        throw new ConflictException(
          `inspector ${inspectorId} already has a declared conflict with ${dto.uscc}`,
        );
      }
      throw err;
    }
  }
}
