import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, canSeeEnterprise, coversAuthority, effectiveRegion, Page } from '@app/core';
import { ListApplicationsQueryDto } from '../dto/list-applications-query.dto';
import { RepairApplication } from '../entities/repair-application.entity';
import { RepairPolicyBook } from '../policy/repair-policy-book';
import { applicationView, ApplicationView } from './application.view';
import { ApplicationFilter, ApplicationRepository } from './application.repository';

/** Reads of applications, always within the caller's reach: its own, or its region's. */
@Injectable()
export class ApplicationQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly book: RepairPolicyBook,
  ) {}

  /** The application if the caller may see it; 404 otherwise (also outside the jurisdiction). */
  async findVisible(
    caller: Caller,
    id: number,
    m: EntityManager = this.db.manager,
  ): Promise<RepairApplication> {
    const app = await this.applications.find(id, m);
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
    let filter: ApplicationFilter;
    if (caller.role === 'enterprise') filter = { uscc: caller.uscc ?? '' };
    else {
      const region = effectiveRegion(caller, q.region);
      if (region === null) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
      filter = { region };
    }
    const { ids, total } = await this.applications.page(
      {
        ...filter,
        status: q.status,
        overdue: q.overdue,
        sort: q.sort,
      },
      q.page,
      q.pageSize,
    );
    const items = await this.views(ids, caller);
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  /** Full views of `ids` for `caller` (who must be allowed to see them), in that order, in a fixed number of queries. */
  async views(
    ids: number[],
    caller: Caller,
    m: EntityManager = this.db.manager,
  ): Promise<ApplicationView[]> {
    if (ids.length === 0) return [];
    const keys = ids.map(String);
    const { apps, evidence, history } = await this.applications.withParts(ids, m);
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
