import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  Caller,
  canSeeEnterprise,
  coversAuthority,
  effectiveRegion,
  regionLikePattern,
  Page,
} from '@app/core';
import { ListApplicationsQueryDto } from '../dto/list-applications-query.dto';
import { RepairApplication } from '../entities/repair-application.entity';
import { RepairEvidence } from '../entities/repair-evidence.entity';
import { RepairHistoryEntry } from '../entities/repair-history-entry.entity';
import { RepairPolicyBook } from '../policy/repair-policy-book';
import { applicationView, ApplicationView } from './application.view';

/** Reads of applications, always within the caller's reach: its own, or its region's. */
@Injectable()
export class ApplicationQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly book: RepairPolicyBook,
  ) {}

  /** The application if the caller may see it; 404 otherwise (also outside the jurisdiction). */
  async findVisible(
    caller: Caller,
    id: number,
    m: EntityManager = this.db.manager,
  ): Promise<RepairApplication> {
    const app = await m.getRepository(RepairApplication).findOneBy({ id: String(id) });
    // Seen where the enterprise is registered and by the authority that decides (谁认定谁修复).
    const visible =
      app &&
      (canSeeEnterprise(caller, { uscc: app.uscc, regionCode: app.regionCode }) ||
        coversAuthority(caller, app.authorityRegion));
    if (!app || !visible) {
      throw new NotFoundException(`repair application ${id} not found`);
    }
    return app;
  }

  async get(caller: Caller, id: number): Promise<ApplicationView> {
    await this.findVisible(caller, id);
    return (await this.views([id], caller))[0];
  }

  async list(caller: Caller, q: ListApplicationsQueryDto): Promise<Page<ApplicationView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (caller.role === 'enterprise') {
      where.push('a.uscc = ?');
      params.push(caller.uscc);
    } else {
      const region = effectiveRegion(caller, q.region);
      if (region === null) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
      where.push('(a.region_code LIKE ? OR a.authority_region LIKE ?)');
      params.push(regionLikePattern(region), regionLikePattern(region));
    }
    if (q.status) {
      where.push('a.status = ?');
      params.push(q.status);
    }
    if (q.overdue !== undefined) {
      where.push('a.overdue = ?');
      params.push(q.overdue ? 1 : 0);
    }
    const order =
      q.sort === 'deadline'
        ? "CASE WHEN a.status = 'ACCEPTED' THEN a.decide_by ELSE a.accept_by END ASC, a.id ASC"
        : 'a.id DESC';
    const from = `FROM repair_applications a WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT a.id ${from} ORDER BY ${order} LIMIT ? OFFSET ?`, [
        ...params,
        q.pageSize,
        (q.page - 1) * q.pageSize,
      ]),
      this.db.query(`SELECT COUNT(*) AS total ${from}`, params),
    ]);
    const items = await this.views(
      rows.map((r: { id: string }) => Number(r.id)),
      caller,
    );
    return { items, page: q.page, pageSize: q.pageSize, total: Number(total) };
  }

  /** Full views of `ids` for `caller` (who must be allowed to see them), in that order, in a fixed number of queries. */
  async views(
    ids: number[],
    caller: Caller,
    m: EntityManager = this.db.manager,
  ): Promise<ApplicationView[]> {
    if (ids.length === 0) return [];
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
    // BIGINT ids may arrive as numbers or strings depending on the driver's settings.
    const byId = new Map(apps.map((a) => [String(a.id), a]));
    return keys.map((id) => {
      const a = byId.get(id);
      if (!a) throw new NotFoundException(`repair application ${id} not found`);
      return applicationView(
        a,
        {
          uscc: a.uscc,
          recordKind: a.recordKind,
          policyTitle: this.book.byId(a.policyId)?.title ?? null,
        },
        evidence.filter((e) => String(e.applicationId) === id),
        history.filter((h) => String(h.applicationId) === id),
        // A regulator of the registration region sees a repair another authority decides, no more.
        caller.role === 'regulator' && !coversAuthority(caller, a.authorityRegion)
          ? 'observer'
          : caller.role,
      );
    });
  }
}
