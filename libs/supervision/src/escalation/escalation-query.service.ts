import { Injectable } from '@nestjs/common';
import { Caller, effectiveRegion, Page, CalendarDate, Clock } from '@app/core';
import { EscalationCandidateRepository } from './escalation-candidate.repository';
import { fullYearsBetween } from './escalation-rule';

/** One flagged listing as the regulators' list shows it. */
export interface EscalationView {
  uscc: string;
  name: string;
  regionCode: string;
  /** The ABNORMAL_LISTING record that has been in force for three years. */
  recordId: number;
  listedOn: CalendarDate;
  /** Whole years on the list as of today (Asia/Shanghai). */
  yearsListed: number;
  /** When the daily sweep first found it due. */
  flaggedAt: string;
}

/** GET /escalations: open flags inside the caller's jurisdiction. */
@Injectable()
export class EscalationQueryService {
  constructor(
    private readonly candidates: EscalationCandidateRepository,
    private readonly clock: Clock,
  ) {}

  async list(
    caller: Caller,
    q: { region?: string; page: number; pageSize: number },
  ): Promise<Page<EscalationView>> {
    const region = effectiveRegion(caller, q.region);
    if (region === null || caller.role === 'enterprise') {
      return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
    }
    const today = this.clock.today();
    const { items, total } = await this.candidates.listOpen(region, q.page, q.pageSize);
    return {
      items: items.map((c) => ({
        uscc: c.uscc,
        name: c.name,
        regionCode: c.regionCode,
        recordId: c.recordId,
        listedOn: c.listedOn,
        yearsListed: fullYearsBetween(c.listedOn, today),
        flaggedAt: c.flaggedAt.toISOString(),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }
}
