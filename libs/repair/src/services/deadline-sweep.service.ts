import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarDate } from '@app/core/values/calendar-date';
import { Clock } from '@app/core/values/clock';

/**
 * Marks open applications past the deadline of their current stage
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
  ): Promise<{ today: string; changed: number }> {
    const late = `((status = 'SUBMITTED' AND accept_by < ?) OR (status = 'ACCEPTED' AND decide_by < ?))`;
    const result = await this.db.query(
      `UPDATE repair_applications SET overdue = ${late}
        WHERE open_record_id IS NOT NULL AND overdue <> ${late}`,
      [today, today, today, today],
    );
    return { today, changed: Number(result?.affectedRows ?? 0) };
  }
}
