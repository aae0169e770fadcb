import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConflictDeclaration, Inspector } from '../domain';

export interface InspectorPool {
  inspectors: Inspector[];
  conflicts: ConflictDeclaration[];
}

/**
 * The inspectors a plan over `region` may draw from: active ones whose own
 * region is a prefix of the plan's, i.e. whose jurisdiction covers every
 * enterprise the plan can contain (the same prefix rule as regulators').
 */
@Injectable()
export class InspectorPoolReader {
  async forRegion(m: EntityManager, region: string): Promise<InspectorPool> {
    const rows: { id: number | string; name: string }[] = await m.query(
      `SELECT id, name FROM inspectors
        WHERE active = 1 AND ? LIKE CONCAT(region_code, '%') ORDER BY id`,
      [region],
    );
    const inspectors = rows.map((r) => ({ id: Number(r.id), name: r.name }));
    if (inspectors.length === 0) return { inspectors, conflicts: [] };
    const conflicts: { inspector_id: number | string; uscc: string }[] = await m.query(
      `SELECT inspector_id, uscc FROM inspector_conflicts WHERE inspector_id IN (?)`,
      [inspectors.map((i) => i.id)],
    );
    return {
      inspectors,
      conflicts: conflicts.map((c) => ({ inspectorId: Number(c.inspector_id), uscc: c.uscc })),
    };
  }
}
