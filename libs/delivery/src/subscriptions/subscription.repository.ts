import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SubscriptionFilter } from '../domain/subscription-match';

export type SubscriptionStatus = 'ACTIVE' | 'PAUSED';

/** A subscription as admins see it (never its secret). */
export interface Subscription extends SubscriptionFilter {
  id: number;
  url: string;
  status: SubscriptionStatus;
  createdBy: string;
  createdAt: Date;
  /** Set while the circuit is open: nothing is sent before then. */
  breakerOpenUntil: Date | null;
  consecutiveFailures: number;
}

/** What a sender signs with: the secret, and the one it replaced while partners switch over. */
export interface SigningKeys {
  url: string;
  status: SubscriptionStatus;
  /** Set while the circuit is open. */
  breakerOpenUntil: Date | null;
  secrets: string[];
}

export interface SubscriptionStats {
  id: number;
  url: string;
  pending: number;
  dead: number;
  delivered: number;
  failedAttempts: number;
  lagSeconds: number;
  breakerOpen: boolean;
}

interface Row {
  id: string | number;
  url: string;
  events: unknown;
  regions: unknown;
  status: SubscriptionStatus;
  created_by: string;
  created_at: Date;
  breaker_open_until: Date | null;
  consecutive_failures: number;
}

const json = (v: unknown): string[] | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? JSON.parse(v) : (v as string[]);

const toSubscription = (r: Row): Subscription => ({
  id: Number(r.id),
  url: r.url,
  events: json(r.events),
  regions: json(r.regions),
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  breakerOpenUntil: r.breaker_open_until,
  consecutiveFailures: Number(r.consecutive_failures),
});

const COLUMNS =
  'id, url, events, regions, status, created_by, created_at, breaker_open_until, consecutive_failures';

/** The `subscriptions` table (owned by the delivery library). */
@Injectable()
export class SubscriptionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(s: {
    url: string;
    events: string[] | null;
    regions: string[] | null;
    secret: string;
    createdBy: string;
    createdAt: Date;
  }): Promise<number> {
    const r = await this.db.query(
      `INSERT INTO subscriptions (url, events, regions, secret, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [
        s.url,
        s.events && JSON.stringify(s.events),
        s.regions && JSON.stringify(s.regions),
        s.secret,
        s.createdBy,
        s.createdAt,
      ],
    );
    return Number(r.insertId);
  }

  async find(id: number, m: EntityManager = this.db.manager): Promise<Subscription | null> {
    const [r]: Row[] = await m.query(`SELECT ${COLUMNS} FROM subscriptions WHERE id = ?`, [id]);
    return r ? toSubscription(r) : null;
  }

  async list(): Promise<Subscription[]> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM subscriptions ORDER BY id`);
    return rows.map(toSubscription);
  }

  /** Every subscription, for the relay (in its transaction). */
  async all(m: EntityManager): Promise<Subscription[]> {
    const rows: Row[] = await m.query(`SELECT ${COLUMNS} FROM subscriptions`);
    return rows.map(toSubscription);
  }

  async signingKeys(id: number): Promise<SigningKeys | null> {
    const [r]: {
      url: string;
      status: SubscriptionStatus;
      secret: string;
      previous: string | null;
      open_until: Date | null;
    }[] = await this.db.query(
      `SELECT url, status, secret,
              IF(previous_secret_until > NOW(3), previous_secret, NULL) AS previous,
              IF(breaker_open_until > NOW(3), breaker_open_until, NULL) AS open_until
         FROM subscriptions WHERE id = ?`,
      [id],
    );
    if (!r) return null;
    return {
      url: r.url,
      status: r.status,
      breakerOpenUntil: r.open_until,
      secrets: r.previous ? [r.secret, r.previous] : [r.secret],
    };
  }

  async setStatus(m: EntityManager, id: number, status: SubscriptionStatus): Promise<void> {
    await m.query('UPDATE subscriptions SET status = ? WHERE id = ?', [status, id]);
  }

  /** A new secret; the old one still signs too for `graceMs`, so partners can switch over. */
  async rotate(id: number, secret: string, graceMs: number): Promise<void> {
    await this.db.query(
      `UPDATE subscriptions SET previous_secret = secret,
              previous_secret_until = DATE_ADD(NOW(3), INTERVAL ? MICROSECOND), secret = ?
        WHERE id = ?`,
      [graceMs * 1000, secret, id],
    );
  }

  async remove(id: number): Promise<void> {
    await this.db.query('DELETE FROM subscriptions WHERE id = ?', [id]);
  }

  /**
   * Counts a job's outcome, and opens the circuit when failures in a row
   * reach `threshold` (again at once after it closes, if the next try fails:
   * that try is the half-open probe). Returns the circuit's end if it opened.
   */
  async recordOutcome(
    id: number,
    delivered: number,
    failed: number,
    threshold: number,
    openMs: number,
  ): Promise<Date | null> {
    if (delivered === 0 && failed === 0) return null;
    await this.db.query(
      `UPDATE subscriptions SET delivered_count = delivered_count + ?,
              failed_attempts = failed_attempts + ?,
              consecutive_failures = IF(? > 0, 0, consecutive_failures) + ?,
              breaker_open_until = IF(? > 0 AND ? = 0, NULL, breaker_open_until)
        WHERE id = ?`,
      [delivered, failed, delivered, failed, delivered, failed, id],
    );
    if (failed === 0) return null;
    const opened = await this.db.query(
      `UPDATE subscriptions SET breaker_open_until = DATE_ADD(NOW(3), INTERVAL ? MICROSECOND)
        WHERE id = ? AND consecutive_failures >= ?
          AND (breaker_open_until IS NULL OR breaker_open_until <= NOW(3))`,
      [openMs * 1000, id, threshold],
    );
    if (opened.affectedRows !== 1) return null;
    const [r] = await this.db.query('SELECT breaker_open_until FROM subscriptions WHERE id = ?', [
      id,
    ]);
    return r.breaker_open_until;
  }

  /** Per subscription (or one), for /metrics and the API: what waits, since when, what was delivered, what failed. */
  async stats(id?: number): Promise<SubscriptionStats[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT s.id, s.url, s.delivered_count, s.failed_attempts,
              COALESCE(s.breaker_open_until > NOW(3), 0) AS open,
              (SELECT COUNT(*) FROM deliveries d
                WHERE d.status = 'PENDING' AND d.subscription_id = s.id) AS pending,
              (SELECT COUNT(*) FROM deliveries d
                WHERE d.status = 'DEAD' AND d.subscription_id = s.id) AS dead,
              (SELECT TIMESTAMPDIFF(MICROSECOND, MIN(d.created_at), NOW(3)) FROM deliveries d
                WHERE d.status = 'PENDING' AND d.subscription_id = s.id) AS lag_us
         FROM subscriptions s ${id === undefined ? '' : 'WHERE s.id = ?'} ORDER BY s.id`,
      id === undefined ? [] : [id],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      url: String(r.url),
      pending: Number(r.pending),
      dead: Number(r.dead),
      delivered: Number(r.delivered_count),
      failedAttempts: Number(r.failed_attempts),
      lagSeconds: r.lag_us === null ? 0 : Number(r.lag_us) / 1e6,
      breakerOpen: Number(r.open) === 1,
    }));
  }
}
