import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A pending delivery, as a sender takes it. */
export interface PendingDelivery {
  id: number;
  enterpriseId: number;
  eventSeq: number;
  attempts: number;
  /** Its back-off is over. */
  ready: boolean;
  nextAttemptAt: Date;
}

export interface DeadLetter {
  id: number;
  eventSeq: number;
  enterpriseId: number;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** Lanes of one subscription (a lane is the subscription's deliveries about one enterprise). */
export interface Lanes {
  subscriptionId: number;
  enterpriseIds: number[];
}

/** Paused subscriptions' deliveries are not looked at until resumed. */
const NEVER = '9999-12-31 00:00:00';
const us = (ms: number) => Math.round(ms * 1000);

/** The `deliveries` table (owned by the delivery library): the truth of what each partner must receive. */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * New deliveries, in the relay's transaction. `holdMs` is when the sweep
   * would look at them: the lease of the job about to be queued, the end of an
   * open circuit; null while paused. Replays (`again`) make delivered and dead
   * ones pending again, from the first attempt.
   */
  async plan(
    m: EntityManager,
    subscriptionId: number,
    events: { enterpriseId: number; seq: number }[],
    holdMs: number | null,
    again = false,
  ): Promise<void> {
    if (events.length === 0) return;
    const due = holdMs === null ? NEVER : null;
    const rows = events.map((e) => [subscriptionId, e.enterpriseId, e.seq]);
    await m.query(
      `INSERT INTO deliveries (subscription_id, enterprise_id, event_seq, next_attempt_at, due_at, created_at)
       SELECT v.s, v.e, v.q, NOW(3), COALESCE(?, DATE_ADD(NOW(3), INTERVAL ? MICROSECOND)), NOW(3)
         FROM (SELECT 0 AS s, 0 AS e, 0 AS q UNION ALL VALUES ?) v WHERE v.s > 0
       ON DUPLICATE KEY UPDATE ${
         again
           ? `status = 'PENDING', attempts = 0, last_error = NULL, delivered_at = NULL,
              next_attempt_at = NOW(3), due_at = VALUES(due_at), created_at = NOW(3)`
           : 'id = id'
       }`,
      [due, us(holdMs ?? 0), rows],
    );
  }

  /**
   * Lane heads the sweep should queue again (due: their lease, back-off or
   * circuit ran out), leased for `leaseMs` as they are taken. Grouped by
   * subscription.
   */
  async claimDue(limit: number, leaseMs: number): Promise<Lanes[]> {
    const rows: { subscription_id: string | number; enterprise_id: string | number }[] =
      await this.db.query(
        `SELECT DISTINCT d.subscription_id, d.enterprise_id FROM deliveries d
          WHERE d.status = 'PENDING' AND d.due_at <= NOW(3)
          ORDER BY d.subscription_id LIMIT ?`,
        [limit],
      );
    const lanes = groupLanes(rows);
    for (const l of lanes) await this.hold(l, leaseMs);
    return lanes;
  }

  /** Holds the pending deliveries of these lanes until `ms` from now (a job's lease, a back-off). */
  async hold(lanes: Lanes, ms: number): Promise<void> {
    await this.db.query(
      `UPDATE deliveries SET due_at = DATE_ADD(NOW(3), INTERVAL ? MICROSECOND)
        WHERE subscription_id = ? AND enterprise_id IN (?) AND status = 'PENDING'`,
      [us(ms), lanes.subscriptionId, lanes.enterpriseIds],
    );
  }

  /** A lane whose head is backing off waits with it (deliveries relayed into it meanwhile). */
  async holdLane(subscriptionId: number, enterpriseId: number, until: Date): Promise<void> {
    await this.db.query(
      `UPDATE deliveries SET due_at = ?
        WHERE subscription_id = ? AND enterprise_id = ? AND status = 'PENDING'`,
      [until, subscriptionId, enterpriseId],
    );
  }

  /** Every pending delivery of a subscription waits until `until` (an open circuit) or, with null, until resumed. */
  async holdSubscription(
    subscriptionId: number,
    until: Date | null,
    m: EntityManager = this.db.manager,
  ): Promise<void> {
    await m.query(
      `UPDATE deliveries SET due_at = ? WHERE subscription_id = ? AND status = 'PENDING'`,
      [until ?? NEVER, subscriptionId],
    );
  }

  /** A resumed subscription's pending deliveries are due now. */
  async release(m: EntityManager, subscriptionId: number): Promise<void> {
    await m.query(
      `UPDATE deliveries SET due_at = NOW(3) WHERE subscription_id = ? AND status = 'PENDING'`,
      [subscriptionId],
    );
  }

  /** The pending deliveries of these lanes, each lane in event order (at most `limit`). */
  async pending(lanes: Lanes, limit: number): Promise<PendingDelivery[]> {
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT id, enterprise_id, event_seq, attempts, next_attempt_at,
              next_attempt_at <= NOW(3) AS ready
         FROM deliveries
        WHERE subscription_id = ? AND enterprise_id IN (?) AND status = 'PENDING'
        ORDER BY enterprise_id, event_seq LIMIT ?`,
      [lanes.subscriptionId, lanes.enterpriseIds, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      enterpriseId: Number(r.enterprise_id),
      eventSeq: Number(r.event_seq),
      attempts: Number(r.attempts),
      ready: Number(r.ready) === 1,
      nextAttemptAt: r.next_attempt_at as unknown as Date,
    }));
  }

  /** Marks these delivered; returns how many were still pending (a repeat send counts once). */
  async delivered(ids: number[]): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await this.db.query(
      `UPDATE deliveries SET status = 'DELIVERED', delivered_at = NOW(3), attempts = attempts + 1,
              last_error = NULL
        WHERE id IN (?) AND status = 'PENDING'`,
      [ids],
    );
    return Number(r.affectedRows);
  }

  /** A failed attempt: retried after `retryMs` (its whole lane waits with it), or dead with null. */
  async failed(
    d: { id: number; subscriptionId: number; enterpriseId: number },
    error: string,
    retryMs: number | null,
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      if (retryMs === null) {
        await m.query(
          `UPDATE deliveries SET status = 'DEAD', attempts = attempts + 1, last_error = ?
            WHERE id = ? AND status = 'PENDING'`,
          [error.slice(0, 500), d.id],
        );
        return;
      }
      await m.query(
        `UPDATE deliveries SET attempts = attempts + 1, last_error = ?,
                next_attempt_at = DATE_ADD(NOW(3), INTERVAL ? MICROSECOND)
          WHERE id = ? AND status = 'PENDING'`,
        [error.slice(0, 500), us(retryMs), d.id],
      );
      await m.query(
        `UPDATE deliveries SET due_at = DATE_ADD(NOW(3), INTERVAL ? MICROSECOND)
          WHERE subscription_id = ? AND enterprise_id = ? AND status = 'PENDING'`,
        [us(retryMs), d.subscriptionId, d.enterpriseId],
      );
    });
  }

  async deadLetters(subscriptionId: number, limit: number): Promise<DeadLetter[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT id, event_seq, enterprise_id, attempts, last_error, created_at FROM deliveries
        WHERE subscription_id = ? AND status = 'DEAD' ORDER BY event_seq LIMIT ?`,
      [subscriptionId, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      eventSeq: Number(r.event_seq),
      enterpriseId: Number(r.enterprise_id),
      attempts: Number(r.attempts),
      lastError: (r.last_error as string | null) ?? null,
      createdAt: r.created_at as Date,
    }));
  }
}

export function groupLanes(
  rows: { subscription_id: string | number; enterprise_id: string | number }[],
): Lanes[] {
  const bySubscription = new Map<number, number[]>();
  for (const r of rows) {
    const id = Number(r.subscription_id);
    const list = bySubscription.get(id) ?? [];
    list.push(Number(r.enterprise_id));
    bySubscription.set(id, list);
  }
  return [...bySubscription].map(([subscriptionId, enterpriseIds]) => ({
    subscriptionId,
    enterpriseIds,
  }));
}
