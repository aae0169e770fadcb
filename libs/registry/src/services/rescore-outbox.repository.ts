import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';

export interface OutboxedRescore {
  id: number;
  uscc: string;
  trigger: string;
}

/** Re-scorings waiting in MySQL for Redis to come back (see RescoreOutboxRelay). */
@Injectable()
export class RescoreOutboxRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async save(uscc: string, trigger: string): Promise<void> {
    await this.db.query(
      'INSERT INTO rescore_outbox (uscc, `trigger`, created_at) VALUES (?, ?, ?)',
      [uscc, trigger.slice(0, 100), this.clock.now()],
    );
  }

  async oldest(limit: number): Promise<OutboxedRescore[]> {
    const rows: { id: string | number; uscc: string; trigger: string }[] = await this.db.query(
      'SELECT id, uscc, `trigger` FROM rescore_outbox ORDER BY id LIMIT ?',
      [limit],
    );
    return rows.map((r) => ({ id: Number(r.id), uscc: r.uscc, trigger: r.trigger }));
  }

  async remove(ids: number[]): Promise<void> {
    if (ids.length) await this.db.query('DELETE FROM rescore_outbox WHERE id IN (?)', [ids]);
  }
}
