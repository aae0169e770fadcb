import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarDate } from '@app/core';
import { PartnerEventWriter } from './partner-event.writer';

const BATCH = 1000;

/**
 * Announces to partners the serious-dishonesty listings whose publicity
 * started on or before `cutoff` (the caller's rule: their period has ended by
 * today) and are still ACTIVE: one `serious-list.ended` event per listing,
 * ever. The listings are locked while their events are written, so two
 * sweeps at once announce each once.
 */
@Injectable()
export class PublicityEndAnnouncer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: PartnerEventWriter,
  ) {}

  async announce(cutoff: CalendarDate, at: Date): Promise<number> {
    let announced = 0;
    for (;;) {
      const n = await this.db.transaction(async (m) => {
        const rows: { id: string | number }[] = await m.query(
          `SELECT r.id FROM credit_records r
            WHERE r.kind = 'SERIOUS_DISHONESTY_LISTING' AND r.status = 'ACTIVE'
              AND COALESCE(r.publicity_from, r.occurred_on) <= ?
              AND NOT EXISTS (SELECT 1 FROM partner_events p
                               WHERE p.record_id = r.id AND p.type = 'serious-list.ended')
            ORDER BY r.id LIMIT ? FOR UPDATE`,
          [cutoff, BATCH],
        );
        await this.events.seriousListingsEnded(
          m,
          rows.map((r) => Number(r.id)),
          at,
        );
        return rows.length;
      });
      announced += n;
      if (n < BATCH) return announced;
    }
  }
}
