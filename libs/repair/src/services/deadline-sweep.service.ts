import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarDate, Clock } from '@app/core';
import { RepairHistoryEntry } from '../entities/repair-history-entry.entity';

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
    private readonly clock: Clock,
  ) {}

  async sweep(
    today: CalendarDate = this.clock.today(),
  ): Promise<{ today: string; changed: number; lapsed: number }> {
    const lapsed = await this.lapseUnanswered(today);
    const late = `((status = 'SUBMITTED' AND accept_by < ?) OR (status = 'ACCEPTED' AND decide_by < ?))`;
    const result = await this.db.query(
      `UPDATE repair_applications SET overdue = ${late}
        WHERE open_record_id IS NOT NULL AND overdue <> ${late}`,
      [today, today, today, today],
    );
    return { today, changed: Number(result?.affectedRows ?? 0), lapsed };
  }

  /**
   * 补正 not answered by `supplyBy` (inclusive): the application is closed as
   * withdrawn, with a history entry by the system saying why, in one
   * transaction; the record is free for a new application.
   */
  private async lapseUnanswered(today: CalendarDate): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows: { id: string; supply_by: string }[] = await m.query(
        `SELECT id, supply_by FROM repair_applications
          WHERE status = 'AWAITING_MATERIALS' AND supply_by < ? ORDER BY id FOR UPDATE`,
        [today],
      );
      if (rows.length === 0) return 0;
      await m.query(
        `UPDATE repair_applications
            SET status = 'WITHDRAWN', version = version + 1, open_record_id = NULL, overdue = 0
          WHERE id IN (?)`,
        [rows.map((r) => r.id)],
      );
      const at = this.clock.now();
      await m.getRepository(RepairHistoryEntry).insert(
        rows.map((r) => ({
          applicationId: String(r.id),
          at,
          actorSub: 'system',
          actorRole: 'system',
          action: 'withdraw' as const,
          reason: `no reply to the request for materials by ${r.supply_by} (补正期满未补正)`,
          fromStatus: 'AWAITING_MATERIALS' as const,
          toStatus: 'WITHDRAWN' as const,
        })),
      );
      return rows.length;
    });
  }
}
