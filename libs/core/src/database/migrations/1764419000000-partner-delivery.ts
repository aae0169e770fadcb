import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: delivering partner events. `partner_events.relayed_at` marks the
 * events the relay has turned into deliveries (a flag, not a cursor: an event
 * committed late with a lower id is still found). `subscriptions` are the
 * partners' endpoints; `deliveries` is the truth of what each must receive:
 * one row per (subscription, event), PENDING until the partner answered 2xx,
 * DEAD after the last attempt. A lane is (subscription, enterprise): its
 * deliveries are sent in event order. `next_attempt_at` is when the delivery
 * may be tried (its back-off); `due_at` is when the sweep looks at it again:
 * the end of the lease of the job that owns it, of its back-off, of its
 * subscription's open circuit, or never while paused. So the sweep takes back
 * what a lost job (Redis restarted, worker killed) left behind, and reads
 * nothing else.
 */
export class PartnerDelivery1764419000000 implements MigrationInterface {
  name = 'PartnerDelivery1764419000000';

  async up(q: QueryRunner): Promise<void> {
    // ix_partner_events_record: the daily sweep announces each ended listing once.
    await q.query(`ALTER TABLE partner_events ADD COLUMN relayed_at DATETIME(3) NULL,
      ADD KEY ix_partner_events_unrelayed (relayed_at, id),
      ADD KEY ix_partner_events_record (record_id, type)`);
    await q.query(`
      CREATE TABLE subscriptions (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        url VARCHAR(2000) NOT NULL,
        events JSON NULL,
        regions JSON NULL,
        secret VARCHAR(100) NOT NULL,
        previous_secret VARCHAR(100) NULL,
        previous_secret_until DATETIME(3) NULL,
        status ENUM('ACTIVE', 'PAUSED') NOT NULL DEFAULT 'ACTIVE',
        consecutive_failures INT UNSIGNED NOT NULL DEFAULT 0,
        breaker_open_until DATETIME(3) NULL,
        delivered_count BIGINT UNSIGNED NOT NULL DEFAULT 0,
        failed_attempts BIGINT UNSIGNED NOT NULL DEFAULT 0,
        created_by VARCHAR(200) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE deliveries (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        subscription_id BIGINT UNSIGNED NOT NULL,
        enterprise_id BIGINT UNSIGNED NOT NULL,
        event_seq BIGINT UNSIGNED NOT NULL,
        status ENUM('PENDING', 'DELIVERED', 'DEAD') NOT NULL DEFAULT 'PENDING',
        attempts INT UNSIGNED NOT NULL DEFAULT 0,
        next_attempt_at DATETIME(3) NOT NULL,
        due_at DATETIME(3) NOT NULL,
        last_error VARCHAR(500) NULL,
        created_at DATETIME(3) NOT NULL,
        delivered_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_deliveries_event (subscription_id, event_seq),
        KEY ix_deliveries_lane (subscription_id, enterprise_id, status, event_seq),
        KEY ix_deliveries_due (status, due_at),
        KEY ix_deliveries_pending (status, subscription_id, created_at),
        CONSTRAINT fk_deliveries_subscription FOREIGN KEY (subscription_id)
          REFERENCES subscriptions (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE deliveries');
    await q.query('DROP TABLE subscriptions');
    await q.query(`ALTER TABLE partner_events DROP KEY ix_partner_events_unrelayed,
      DROP KEY ix_partner_events_record, DROP COLUMN relayed_at`);
  }
}
