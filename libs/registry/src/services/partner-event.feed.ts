import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** An outboxed partner event, as the relay routes it (the payload is read when sent). */
export interface OutboxEvent {
  /** The outbox row's id: orders the events, per enterprise in commit order. */
  seq: number;
  type: string;
  enterpriseId: number;
  regionCode: string;
}

/** The body partners receive, and the id they deduplicate by. */
export interface EventBody {
  eventId: string;
  body: string;
}

interface Row {
  id: string | number;
  type: string;
  enterprise_id: string | number;
  region_code: string;
}

const toEvent = (r: Row): OutboxEvent => ({
  seq: Number(r.id),
  type: r.type,
  enterpriseId: Number(r.enterprise_id),
  regionCode: r.region_code,
});

/**
 * The read side of the partner-event outbox, for the delivery library: the
 * relay takes the unrelayed events in id order and marks them in the same
 * transaction as whatever it makes of them; replay reads from a point in
 * time; a sender reads the payloads it signs.
 */
@Injectable()
export class PartnerEventFeed {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Hands the oldest unrelayed events (at most `limit`) to `handle`, inside a
   * transaction that also marks them relayed: either both happen or neither.
   * `FOR UPDATE` (not SKIP LOCKED) makes relays of several workers take turns,
   * so a later batch never overtakes an earlier one of the same enterprise.
   * READ COMMITTED: the locking read then locks the rows it takes, not the
   * gap after them, so writers adding events never wait for a relay.
   */
  relay(
    limit: number,
    handle: (events: OutboxEvent[], m: EntityManager) => Promise<void>,
  ): Promise<OutboxEvent[]> {
    return this.db.transaction('READ COMMITTED', async (m) => {
      const rows: Row[] = await m.query(
        `SELECT id, type, enterprise_id, region_code FROM partner_events
          WHERE relayed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE`,
        [limit],
      );
      if (rows.length === 0) return [];
      const events = rows.map(toEvent);
      await handle(events, m);
      await m.query('UPDATE partner_events SET relayed_at = NOW(3) WHERE id IN (?)', [
        events.map((e) => e.seq),
      ]);
      return events;
    });
  }

  /** Events that occurred at or after `from`, after `afterSeq`, in order (replay, paged). */
  async since(from: Date, afterSeq: number, limit: number): Promise<OutboxEvent[]> {
    const rows: Row[] = await this.db.query(
      `SELECT id, type, enterprise_id, region_code FROM partner_events
        WHERE id > ? AND occurred_at >= ? ORDER BY id LIMIT ?`,
      [afterSeq, from, limit],
    );
    return rows.map(toEvent);
  }

  /** The bodies of these events, by seq. */
  async bodies(seqs: number[]): Promise<Map<number, EventBody>> {
    if (seqs.length === 0) return new Map();
    const rows: { id: string | number; event_id: string; payload: unknown }[] = await this.db.query(
      'SELECT id, event_id, payload FROM partner_events WHERE id IN (?)',
      [seqs],
    );
    return new Map(
      rows.map((r) => [
        Number(r.id),
        {
          eventId: r.event_id,
          body: typeof r.payload === 'string' ? r.payload : JSON.stringify(r.payload),
        },
      ]),
    );
  }
}
