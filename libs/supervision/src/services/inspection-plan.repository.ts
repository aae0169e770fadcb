import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { regionLikePattern } from '@app/core';
import { PerTier, Tier } from '../domain';

export interface PlanHeader {
  id: number;
  name: string;
  region: string;
  seed: string;
  algorithm: string;
  ratios: PerTier<number>;
  population: PerTier<number>;
  counts: PerTier<number>;
  totals: { population: number; drawn: number };
  createdBy: string;
  createdAt: string;
}

export interface PlanItem {
  position: number;
  enterpriseId: number;
  uscc: string;
  name: string;
  regionCode: string;
  tier: Tier;
  inspectors: [{ id: number; name: string }, { id: number; name: string }];
}

export type NewPlan = Omit<PlanHeader, 'id' | 'createdAt'> & { createdAt: Date };

/** Rows per multi-row INSERT: few round trips, well under max_allowed_packet. */
const INSERT_BATCH = 2000;
const ITEM_PAGE = 5000;

const HEADER_COLUMNS = `id, name, region, seed, algorithm, ratios, population, counts,
  population_total, drawn_total, created_by, created_at`;

/** MariaDB returns JSON columns as text, MySQL 8 as parsed values. */
function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

function header(r: Record<string, unknown>): PlanHeader {
  return {
    id: Number(r.id),
    name: r.name as string,
    region: r.region as string,
    seed: r.seed as string,
    algorithm: r.algorithm as string,
    ratios: json(r.ratios),
    population: json(r.population),
    counts: json(r.counts),
    totals: { population: Number(r.population_total), drawn: Number(r.drawn_total) },
    createdBy: r.created_by as string,
    createdAt: new Date(r.created_at as Date).toISOString(),
  };
}

/**
 * Storage of inspection plans. There is deliberately no update or delete:
 * a plan is a published record of a draw (一公开) and never changes.
 */
@Injectable()
export class InspectionPlanRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts the plan and its items with the caller's manager (inside the draw's transaction). */
  async insert(m: EntityManager, plan: NewPlan, items: readonly PlanItem[]): Promise<number> {
    const { insertId } = await m.query(
      `INSERT INTO inspection_plans (name, region, seed, algorithm, ratios, population, counts,
         population_total, drawn_total, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        plan.name,
        plan.region,
        plan.seed,
        plan.algorithm,
        JSON.stringify(plan.ratios),
        JSON.stringify(plan.population),
        JSON.stringify(plan.counts),
        plan.totals.population,
        plan.totals.drawn,
        plan.createdBy,
        plan.createdAt,
      ],
    );
    const planId = Number(insertId);
    for (let i = 0; i < items.length; i += INSERT_BATCH) {
      const values = items
        .slice(i, i + INSERT_BATCH)
        .map((it) => [
          planId,
          it.position,
          it.enterpriseId,
          it.uscc,
          it.name,
          it.regionCode,
          it.tier,
          it.inspectors[0].id,
          it.inspectors[1].id,
        ]);
      await m.query(
        `INSERT INTO inspection_plan_items (plan_id, position, enterprise_id, uscc, name,
           region_code, tier, inspector_1_id, inspector_2_id) VALUES ?`,
        [values],
      );
    }
    return planId;
  }

  async findHeader(id: number): Promise<PlanHeader | null> {
    const rows = await this.db.query(
      `SELECT ${HEADER_COLUMNS} FROM inspection_plans WHERE id = ?`,
      [id],
    );
    return rows.length ? header(rows[0]) : null;
  }

  /** Plans whose region lies inside `region`, newest first. */
  async list(region: string, page: number, pageSize: number) {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${HEADER_COLUMNS} FROM inspection_plans WHERE region LIKE ?
          ORDER BY id DESC LIMIT ? OFFSET ?`,
        [regionLikePattern(region), pageSize, (page - 1) * pageSize],
      ),
      this.db.query('SELECT COUNT(*) AS total FROM inspection_plans WHERE region LIKE ?', [
        regionLikePattern(region),
      ]),
    ]);
    return { items: (rows as Record<string, unknown>[]).map(header), total: Number(total) };
  }

  /**
   * The drawn items in position order, read in keyset pages so a plan of any
   * size can be exported without holding it in memory.
   */
  async *items(planId: number): AsyncGenerator<PlanItem> {
    let after = 0;
    for (;;) {
      const rows: Record<string, unknown>[] = await this.db.query(
        `SELECT i.position, i.enterprise_id, i.uscc, i.name, i.region_code, i.tier,
                i.inspector_1_id, n1.name AS inspector_1_name,
                i.inspector_2_id, n2.name AS inspector_2_name
           FROM inspection_plan_items i
           JOIN inspectors n1 ON n1.id = i.inspector_1_id
           JOIN inspectors n2 ON n2.id = i.inspector_2_id
          WHERE i.plan_id = ? AND i.position > ?
          ORDER BY i.position LIMIT ?`,
        [planId, after, ITEM_PAGE],
      );
      for (const r of rows) {
        yield {
          position: Number(r.position),
          enterpriseId: Number(r.enterprise_id),
          uscc: r.uscc as string,
          name: r.name as string,
          regionCode: r.region_code as string,
          tier: r.tier as Tier,
          inspectors: [
            { id: Number(r.inspector_1_id), name: r.inspector_1_name as string },
            { id: Number(r.inspector_2_id), name: r.inspector_2_name as string },
          ],
        };
      }
      if (rows.length < ITEM_PAGE) return;
      after = Number(rows[rows.length - 1].position);
    }
  }
}
