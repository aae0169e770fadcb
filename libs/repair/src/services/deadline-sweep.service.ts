import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarDate, Clock } from '@app/core';
import { ApplicationRepository } from './application.repository';

/**
 * Closes applications whose 补正 went unanswered, and marks open applications past the deadline of their current stage
 * (SUBMITTED after acceptBy, ACCEPTED after decideBy, both inclusive last
 * days) and clears the mark where it no longer holds. One statement over the
 * open applications only (the unique key on open_record_id), idempotent, so
 * any number of workers may run it at any time.
 */
@Injectable()
export class DeadlineSweepService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly clock: Clock,
  ) {}

  async sweep(
    today: CalendarDate = this.clock.today(),
  ): Promise<{ today: string; changed: number; lapsed: number }> {
    const lapsed = await this.lapseUnanswered(today);
    return { today, changed: await this.applications.markOverdue(today), lapsed };
  }

  /**
   * 补正 not answered by `supplyBy` (inclusive): the application is closed as
   * withdrawn, with a history entry by the system saying why, in one
   * transaction; the record is free for a new application.
   */
  private async lapseUnanswered(today: CalendarDate): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows = await this.applications.lockUnanswered(m, today);
      if (rows.length === 0) return 0;
      await this.applications.withdraw(
        m,
        rows.map((r) => r.id),
      );
      const at = this.clock.now();
      await this.applications.addHistory(
        m,
        rows.map((r) => ({
          applicationId: r.id,
          at,
          actorSub: 'system',
          actorRole: 'system',
          action: 'withdraw' as const,
          reason: `no reply to the request for materials by ${r.supplyBy} (补正期满未补正)`,
          fromStatus: 'AWAITING_MATERIALS' as const,
          toStatus: 'WITHDRAWN' as const,
        })),
      );
      return rows.length;
    });
  }
}
