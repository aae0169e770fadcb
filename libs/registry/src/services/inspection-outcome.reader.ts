import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarDate, regionLikePattern } from '@app/core';

/** An inspected enterprise of a period, and whether any inspection found a problem. */
export interface InspectionOutcome {
  enterpriseId: number;
  /** PROBLEM or NOT_FOUND in at least one inspection of the period. */
  event: boolean;
}

/**
 * Inspection outcomes for measuring models: every enterprise with an
 * INSPECTION record dated in the period (withdrawn records left out),
 * optionally of a region.
 */
@Injectable()
export class InspectionOutcomeReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async outcomes(q: {
    from: CalendarDate;
    to: CalendarDate;
    region?: string;
  }): Promise<InspectionOutcome[]> {
    const byRegion = q.region
      ? 'JOIN enterprises e ON e.id = r.enterprise_id AND e.region_code LIKE ?'
      : '';
    const rows: { enterprise_id: string | number; event: string | number }[] = await this.db.query(
      `SELECT r.enterprise_id, MAX(r.result IN ('PROBLEM', 'NOT_FOUND')) AS event
         FROM credit_records r ${byRegion}
        WHERE r.kind = 'INSPECTION' AND r.status <> 'REVOKED'
          AND r.occurred_on BETWEEN ? AND ?
        GROUP BY r.enterprise_id`,
      [...(q.region ? [regionLikePattern(q.region)] : []), q.from, q.to],
    );
    return rows.map((r) => ({
      enterpriseId: Number(r.enterprise_id),
      event: Number(r.event) === 1,
    }));
  }
}
