import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CalendarDate, regionLikePattern } from '@app/core';
import { RepairApplication } from '../entities/repair-application.entity';
import { RepairEvidence } from '../entities/repair-evidence.entity';
import { RepairHistoryEntry } from '../entities/repair-history-entry.entity';

export interface ApplicationFilter {
  /** An enterprise's own applications… */
  uscc?: string;
  /** …or those registered in, or decided by an authority in, this jurisdiction. */
  region?: string;
  status?: string;
  overdue?: boolean;
  sort?: 'deadline' | 'newest';
}

export type NewHistoryEntry = Omit<RepairHistoryEntry, 'id'>;

/**
 * `repair_applications`, `repair_application_history` and `repair_evidence`:
 * an application with its history and the files it cites, one aggregate.
 * Methods taking an EntityManager run in the caller's transaction.
 */
@Injectable()
export class ApplicationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(
    m: EntityManager,
    app: Partial<RepairApplication>,
    evidence: Omit<RepairEvidence, 'id' | 'applicationId'>[],
  ): Promise<string> {
    const repo = m.getRepository(RepairApplication);
    const { identifiers } = await repo.insert(repo.create(app));
    const id = String(identifiers[0].id);
    await this.addEvidence(m, id, evidence);
    return id;
  }

  async addEvidence(
    m: EntityManager,
    applicationId: string,
    evidence: Omit<RepairEvidence, 'id' | 'applicationId'>[],
  ): Promise<void> {
    if (evidence.length === 0) return;
    await m.getRepository(RepairEvidence).insert(evidence.map((e) => ({ ...e, applicationId })));
  }

  async find(id: number, m: EntityManager = this.db.manager) {
    return m.getRepository(RepairApplication).findOneBy({ id: String(id) });
  }

  /** One page of ids matching the filter, and how many match. */
  async page(
    f: ApplicationFilter,
    page: number,
    pageSize: number,
  ): Promise<{ ids: number[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.uscc !== undefined) {
      where.push('a.uscc = ?');
      params.push(f.uscc);
    }
    if (f.region !== undefined) {
      where.push('(a.region_code LIKE ? OR a.authority_region LIKE ?)');
      params.push(regionLikePattern(f.region), regionLikePattern(f.region));
    }
    if (f.status) {
      where.push('a.status = ?');
      params.push(f.status);
    }
    if (f.overdue !== undefined) {
      where.push('a.overdue = ?');
      params.push(f.overdue ? 1 : 0);
    }
    const order =
      f.sort === 'deadline'
        ? "CASE WHEN a.status = 'ACCEPTED' THEN a.decide_by ELSE a.accept_by END ASC, a.id ASC"
        : 'a.id DESC';
    const from = `FROM repair_applications a${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT a.id ${from} ORDER BY ${order} LIMIT ? OFFSET ?`, [
        ...params,
        pageSize,
        (page - 1) * pageSize,
      ]) as Promise<{ id: string }[]>,
      this.db.query(`SELECT COUNT(*) AS total ${from}`, params),
    ]);
    return { ids: rows.map((r) => Number(r.id)), total: Number(total) };
  }

  /** The applications of `ids` with their evidence and history, in a fixed number of queries. */
  async withParts(ids: number[], m: EntityManager = this.db.manager) {
    const keys = ids.map(String);
    const [apps, evidence, history] = await Promise.all([
      m.getRepository(RepairApplication).findBy({ id: In(keys) }),
      m.getRepository(RepairEvidence).find({
        where: { applicationId: In(keys) },
        order: { id: 'ASC' },
      }),
      m.getRepository(RepairHistoryEntry).find({
        where: { applicationId: In(keys) },
        order: { id: 'ASC' },
      }),
    ]);
    return { apps, evidence, history };
  }

  /** Applies `changes` if the application is still at `version`; false when someone was first. */
  async updateAtVersion(
    m: EntityManager,
    id: number,
    version: number,
    changes: Partial<RepairApplication>,
  ): Promise<boolean> {
    const { affected } = await m
      .createQueryBuilder()
      .update(RepairApplication)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return affected === 1;
  }

  async set(m: EntityManager, id: string, changes: Partial<RepairApplication>): Promise<void> {
    await m.update(RepairApplication, { id }, changes);
  }

  async addHistory(m: EntityManager, entries: NewHistoryEntry[]): Promise<void> {
    if (entries.length) await m.getRepository(RepairHistoryEntry).insert(entries);
  }

  /** The enterprise's approvals (a revoked one included) and its open applications' records. */
  async repairsOf(m: EntityManager, enterpriseId: number) {
    const [approved, open]: [
      { record_id: string; decided_on: string }[],
      { open_record_id: string }[],
    ] = await Promise.all([
      m.query(
        `SELECT record_id, decided_on FROM repair_applications
          WHERE enterprise_id = ? AND status IN ('APPROVED', 'REVOKED') AND decided_on IS NOT NULL`,
        [enterpriseId],
      ),
      m.query(
        'SELECT open_record_id FROM repair_applications WHERE enterprise_id = ? AND open_record_id IS NOT NULL',
        [enterpriseId],
      ),
    ]);
    return {
      approved: approved.map((a) => ({ recordId: Number(a.record_id), decidedOn: a.decided_on })),
      openRecordIds: open.map((o) => Number(o.open_record_id)),
    };
  }

  /** Sets `overdue` on open applications from their deadlines as of `today`; how many moved. */
  async markOverdue(today: CalendarDate): Promise<number> {
    const late = `((status = 'SUBMITTED' AND accept_by < ?) OR (status = 'ACCEPTED' AND decide_by < ?))`;
    const result = await this.db.query(
      `UPDATE repair_applications SET overdue = ${late}
        WHERE open_record_id IS NOT NULL AND overdue <> ${late}`,
      [today, today, today, today],
    );
    return Number(result?.affectedRows ?? 0);
  }

  /** 补正 requests unanswered past their date, locked. */
  async lockUnanswered(m: EntityManager, today: CalendarDate) {
    const rows: { id: string; supply_by: string }[] = await m.query(
      `SELECT id, supply_by FROM repair_applications
        WHERE status = 'AWAITING_MATERIALS' AND supply_by < ? ORDER BY id FOR UPDATE`,
      [today],
    );
    return rows.map((r) => ({ id: String(r.id), supplyBy: r.supply_by }));
  }

  async withdraw(m: EntityManager, ids: string[]): Promise<void> {
    await m.query(
      `UPDATE repair_applications
          SET status = 'WITHDRAWN', version = version + 1, open_record_id = NULL, overdue = 0
        WHERE id IN (?)`,
      [ids],
    );
  }

  /** Open applications by the authority's province and status (for /metrics). */
  async backlog() {
    const rows: { province: string; status: string; open: string; overdue: string }[] =
      await this.db.query(
        `SELECT LEFT(authority_region, 2) AS province, status,
                COUNT(*) AS open, SUM(overdue) AS overdue
           FROM repair_applications WHERE open_record_id IS NOT NULL
          GROUP BY province, status ORDER BY province, status`,
      );
    return rows.map((r) => ({
      province: r.province,
      status: r.status,
      open: Number(r.open),
      overdue: Number(r.overdue),
    }));
  }
}
